import { useFetcher } from "@remix-run/react";
import { useCombobox } from "downshift";
import { Check, ChevronDown, X } from "lucide-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { cn } from "~/components/ui/cn";

export type FilterOption = { id: string; name: string; detail?: string | null };

const fieldClasses =
  "min-h-11 w-full min-w-0 rounded-lg border border-slate-300 bg-white py-2 pl-3 pr-16 text-base font-normal sm:text-sm";

/**
 * A filter whose choices are too many for a select (ten thousand projects): the reader types,
 * and the server answers with the first matches it may read. The chosen id rides in a hidden
 * field, so the filter lives in the URL like every other; an empty field means "all".
 */
export function FilterCombobox({
  label,
  name,
  all,
  source,
  selected,
}: {
  label: string;
  name: string;
  /** The placeholder while nothing is chosen ("All projects"). */
  all: string;
  /** The options' URL; `q` is added to it. */
  source: string;
  /** The choice in the URL, with its name. */
  selected: FilterOption | null;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ options: FilterOption[] }>();
  const [chosen, setChosen] = useState<FilterOption | null>(selected);
  // Keep up with navigation: "Clear filters" or the back button change the URL's choice.
  useEffect(() => setChosen(selected), [selected?.id]);
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
      if (isOpen && !fetcher.data)
        search(!inputValue || inputValue === chosen?.name ? "" : inputValue);
    },
  });
  const loading = fetcher.state === "loading";
  return (
    <div className="relative flex min-w-0 flex-col gap-1.5 text-sm font-medium text-slate-800">
      <label {...combobox.getLabelProps()}>{label}</label>
      <input type="hidden" name={name} value={chosen?.id ?? ""} />
      <div className="relative">
        <input
          {...combobox.getInputProps({
            placeholder: all,
            onFocus: () => {
              if (!combobox.isOpen) combobox.openMenu();
            },
          })}
          className={fieldClasses}
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
              }}
            >
              <X aria-hidden className="size-4" />
            </button>
          ) : null}
          <button
            type="button"
            {...combobox.getToggleButtonProps({ "aria-label": t("filterChoice.showChoices") })}
            className="grid size-9 place-items-center rounded-md text-slate-500 hover:bg-slate-100"
          >
            <ChevronDown aria-hidden className="size-4" />
          </button>
        </div>
      </div>
      <ul
        {...combobox.getMenuProps()}
        className={cn(
          "absolute inset-x-0 top-full z-20 mt-1 max-h-72 overflow-y-auto rounded-lg border border-slate-200 bg-white py-1 shadow-lg",
          !combobox.isOpen && "hidden",
        )}
      >
        {combobox.isOpen && items.length === 0 ? (
          <li className="px-3 py-2 font-normal text-slate-500">
            {loading || !fetcher.data ? t("filterChoice.searching") : t("filterChoice.noMatches")}
          </li>
        ) : null}
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
    </div>
  );
}
