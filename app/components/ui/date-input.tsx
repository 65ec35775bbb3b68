import { CalendarDays } from "lucide-react";
import {
  forwardRef,
  useCallback,
  useEffect,
  useRef,
  useState,
  type ForwardedRef,
  type InputHTMLAttributes,
} from "react";
import { useTranslation } from "react-i18next";
import { formatDay, formatDayTime, parseDay, parseDayTime } from "~/kernel/day-input";
import { cn } from "./cn";

export type DateInputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "type" | "value" | "defaultValue" | "onChange"
> & {
  id: string;
  /** The submitted field; the server reads it with `parseDay` / `parseDayTime`. */
  name: string;
  /**
   * What the field shows, exactly: what the reader typed (after a refused submit) or a value
   * already in their format. Wins over `defaultDay`.
   */
  defaultValue?: InputHTMLAttributes<HTMLInputElement>["defaultValue"];
  /**
   * A stored value, shown in the reader's format when there is no `defaultValue`: a day
   * `YYYY-MM-DD` (DateInput) or `YYYY-MM-DDTHH:MM` (DateTimeInput).
   */
  defaultDay?: string | null;
  /** Classes of the wrapper (the text field gets `className`). */
  wrapperClassName?: string;
};

type Kind = "date" | "dateTime";

/** The native picker's value (`YYYY-MM-DD` / `YYYY-MM-DDTHH:MM`) for what the field holds. */
function pickerValueOf(kind: Kind, text: string) {
  if (kind === "date") return parseDay(text) ?? "";
  const parsed = parseDayTime(text);
  if (parsed) return `${parsed.day}T${parsed.time}`;
  // A day without a time opens the picker on that day.
  const day = parseDay(text);
  return day ? `${day}T00:00` : "";
}

/** A stored or picked value in the reader's format; what cannot be read stays as it is. */
function shownValueOf(kind: Kind, value: string, language: string) {
  if (kind === "date") {
    const day = parseDay(value);
    return day ? formatDay(day, language) : value;
  }
  const parsed = parseDayTime(value);
  return parsed ? formatDayTime(parsed.day, parsed.time, language) : value;
}

function assignRef<T>(ref: ForwardedRef<T>, node: T | null) {
  if (typeof ref === "function") ref(node);
  else if (ref) ref.current = node;
}

const DateField = forwardRef<HTMLInputElement, DateInputProps & { kind: Kind }>(function DateField(
  {
    kind,
    defaultValue,
    defaultDay,
    placeholder,
    className,
    wrapperClassName,
    disabled,
    readOnly,
    ...props
  },
  ref,
) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const textRef = useRef<HTMLInputElement | null>(null);
  const pickerRef = useRef<HTMLInputElement>(null);
  // The calendar needs a script; without one the text field is the whole control.
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);

  const setTextRef = useCallback(
    (node: HTMLInputElement | null) => {
      textRef.current = node;
      assignRef(ref, node);
    },
    [ref],
  );

  const shown =
    defaultValue !== undefined && defaultValue !== null
      ? String(defaultValue)
      : defaultDay
        ? shownValueOf(kind, defaultDay, language)
        : "";

  const openPicker = () => {
    const text = textRef.current;
    const picker = pickerRef.current;
    if (!text || !picker) return;
    // The calendar opens on the day typed so far (else on today).
    picker.value = pickerValueOf(kind, text.value);
    try {
      picker.showPicker();
    } catch {
      // Older browsers without showPicker open a focused date field's picker on a click.
      picker.focus();
      picker.click();
    }
  };

  // The pick is written back into the text field in the reader's format. A native listener
  // rather than React's onChange, which skips a value first set by script (see openPicker).
  useEffect(() => {
    const picker = pickerRef.current;
    if (!picker) return;
    const picked = () => {
      const text = textRef.current;
      if (!text) return;
      const next = picker.value ? shownValueOf(kind, picker.value, language) : "";
      if (next === text.value) return;
      text.value = next;
      // Let form libraries (conform) see the new value and check the field again.
      text.dispatchEvent(new Event("input", { bubbles: true }));
      text.dispatchEvent(new FocusEvent("focusout", { bubbles: true }));
    };
    picker.addEventListener("input", picked);
    picker.addEventListener("change", picked);
    return () => {
      picker.removeEventListener("input", picked);
      picker.removeEventListener("change", picked);
    };
  }, [kind, language]);

  const locked = disabled || readOnly;
  return (
    // A container: in a field too narrow for a day and the button (a row of filters on a small
    // laptop), the button steps aside and the day keeps the room; typing still works.
    <div className={cn("@container relative", wrapperClassName)}>
      <input
        {...props}
        ref={setTextRef}
        type="text"
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        readOnly={readOnly}
        defaultValue={shown}
        placeholder={
          placeholder ??
          (kind === "date" ? t("dateInput.placeholder") : t("dateInput.placeholderDateTime"))
        }
        // Room for the calendar button, so typed text never runs under it.
        className={cn("w-full min-w-0", className, "@min-[8.5rem]:pr-10")}
      />
      {/* The browser's own calendar, opened by the button; its pick is written back above. */}
      <input
        ref={pickerRef}
        type={kind === "date" ? "date" : "datetime-local"}
        tabIndex={-1}
        aria-hidden
        min={kind === "date" ? "1900-01-01" : "1900-01-01T00:00"}
        max={kind === "date" ? "9999-12-31" : "9999-12-31T23:59"}
        className="pointer-events-none absolute right-0 bottom-0 h-full w-10 opacity-0"
      />
      {scripted && !locked ? (
        <button
          type="button"
          onClick={openPicker}
          aria-label={t("dateInput.openCalendar")}
          aria-controls={props.id}
          className="absolute inset-y-0 right-0 hidden w-10 items-center justify-center rounded-r-lg text-slate-500 hover:text-brand-700 @min-[8.5rem]:flex"
        >
          <CalendarDays aria-hidden className="size-5" />
        </button>
      ) : null}
    </div>
  );
});

/**
 * A date field in the reader's format ("31.12.2026" / "31/12/2026"): a text field anyone can
 * type into, with a button that opens the browser's calendar. ISO (2026-12-31) is read too.
 */
export const DateInput = forwardRef<HTMLInputElement, DateInputProps>(
  function DateInput(props, ref) {
    return <DateField {...props} kind="date" ref={ref} />;
  },
);

/** A date and time field in the reader's format ("31.12.2026 14:10"), as `DateInput`. */
export const DateTimeInput = forwardRef<HTMLInputElement, DateInputProps>(
  function DateTimeInput(props, ref) {
    return <DateField {...props} kind="dateTime" ref={ref} />;
  },
);
