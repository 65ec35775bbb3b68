import { useFetcher, useSearchParams } from "@remix-run/react";
import { useCombobox } from "downshift";
import { Check, ChevronDown, X } from "lucide-react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { cn } from "~/components/ui/cn";

export type FilterOption = { id: string; name: string; detail?: string | null };

type Props = {
  label: string;
  name: string;
  /** The placeholder while nothing is chosen ("All projects"). */
  all: string;
  /** The options' URL; `q` is added to it. */
  source: string;
  /** The choice in the URL, with its name. */
  selected: FilterOption | null;
  /** What is wrong with the value the URL carried, shown under the field. */
  errors?: string[];
};

const fieldClasses =
  "min-h-11 w-full min-w-0 truncate rounded-lg border border-slate-300 bg-white py-2 pl-3 text-base font-normal sm:text-sm";

/**
 * A filter whose choices are too many for a select (ten thousand projects): the reader types,
 * and the server answers with the first matches it may read. The chosen id rides in a hidden
 * field, so the filter lives in the URL like every other; an empty field means "all".
 */
export function FilterCombobox(props: Props) {
  const [params] = useSearchParams();
  // Every navigation starts the field afresh from the URL: "Clear filters" drops a choice that
  // was picked but never applied, as it does for the selects beside it.
  return <SearchedChoice key={params.toString()} {...props} />;
}

function SearchedChoice({ label, name, all, source, selected, errors }: Props) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ options: FilterOption[] }>();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<FilterOption | null>(selected);
  const items = fetcher.data?.options ?? [];
  const search = (query: string) => {
    const url = `${source}${source.includes("?") ? "&" : "?"}q=${encodeURIComponent(query)}`;
    fetcher.load(url);
  };
  const combobox = useCombobox<FilterOption>({
    items,
    selectedItem: chosen,
    itemToString: (item) => item?.name ?? "",
    itemToKey: (item) => item?.id,
    onSelectedItemChange: ({ selectedItem }) => setChosen(selectedItem ?? null),
    onInputValueChange: ({ inputValue, type }) => {
      if (type !== useCombobox.stateChangeTypes.InputChange) return;
      // Emptying the field is how a reader goes back to "all".
      if (inputValue === "") setChosen(null);
      search(inputValue);
    },
    onIsOpenChange: ({ isOpen, inputValue }) => {
      // Opened on the chosen name (or nothing): the first choices, not the last search's.
      if (isOpen) search(!inputValue || inputValue === chosen?.name ? "" : inputValue);
    },
    // Text typed and left without a choice goes back to the choice the form will send.
    stateReducer: (_state, { type, changes }) =>
      type === useCombobox.stateChangeTypes.InputBlur
        ? { ...changes, inputValue: changes.selectedItem?.name ?? "" }
        : changes,
  });
  const searching = fetcher.state === "loading" || !fetcher.data;
  return (
    <div className="relative flex min-w-0 flex-col gap-1.5 text-sm font-medium text-slate-800">
      <label {...combobox.getLabelProps()}>{label}</label>
      <input type="hidden" name={name} value={chosen?.id ?? ""} />
      <div className="relative">
        <input
          {...combobox.getInputProps({
            ref: input,
            placeholder: all,
            // A long name is cut in the field: the whole of it on hover.
            title: chosen?.name,
          })}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? `${name}-error` : undefined}
          // Room for the buttons at the end: "clear" only while something is chosen.
          className={cn(
            fieldClasses,
            chosen ? "pr-20" : "pr-11",
            errors?.length && "border-red-500",
          )}
        />
        <div className="absolute inset-y-0 right-1 flex items-center">
          {chosen ? (
            <button
              type="button"
              className="grid size-9 place-items-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-800"
              aria-label={t("filterChoice.clear", { label })}
              onClick={() => {
                combobox.reset();
                setChosen(null);
                input.current?.focus();
              }}
            >
              <X aria-hidden className="size-4" />
            </button>
          ) : null}
          <button
            type="button"
            {...combobox.getToggleButtonProps({
              "aria-label": t("filterChoice.showChoices", { label }),
            })}
            className="grid size-9 place-items-center rounded-md text-slate-500 hover:bg-slate-100"
          >
            <ChevronDown aria-hidden className="size-4" />
          </button>
        </div>
      </div>
      <div
        className={cn(
          "absolute inset-x-0 top-full z-20 mt-1 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-lg",
          !combobox.isOpen && "hidden",
        )}
      >
        <ul {...combobox.getMenuProps()} className="max-h-72 overflow-y-auto py-1">
          {combobox.isOpen
            ? items.map((item, index) => (
                <li
                  key={item.id}
                  {...combobox.getItemProps({ item, index })}
                  className={cn(
                    "flex cursor-pointer items-center gap-2 px-3 py-2 font-normal",
                    combobox.highlightedIndex === index && "bg-brand-50",
                  )}
                >
                  <span className="min-w-0 flex-1">
                    <span className="block truncate text-slate-900">{item.name}</span>
                    {item.detail ? (
                      <span className="block truncate text-xs text-slate-500">{item.detail}</span>
                    ) : null}
                  </span>
                  {chosen?.id === item.id ? (
                    <Check aria-hidden className="size-4 shrink-0 text-brand-700" />
                  ) : null}
                </li>
              ))
            : null}
        </ul>
        <p role="status" className="px-3 py-2 font-normal text-slate-500 empty:hidden">
          {combobox.isOpen && items.length === 0
            ? searching
              ? t("filterChoice.searching")
              : t("filterChoice.noMatches")
            : null}
        </p>
      </div>
      {errors?.length ? (
        <p id={`${name}-error`} className="text-sm font-medium text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
