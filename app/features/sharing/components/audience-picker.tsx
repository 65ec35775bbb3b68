import { useTranslation } from "react-i18next";

/** The audience picker shared by the entry form and the document upload: presets + custom chips. */

/** The names the presets' labels and descriptions show. */
export type AudienceSummary = {
  hostName: string;
  ownName: string;
  all_members: string[];
  partners: string[];
  customer: string[];
};

/** A preset's label, and a list of names for its description ("nobody" when empty). */
export function useAudienceText(summary: AudienceSummary) {
  const { t } = useTranslation();
  return {
    presetLabel: (preset: string) =>
      t(`entryForm.audiencePresets.${preset}`, { host: summary.hostName, own: summary.ownName }),
    names: (list: string[]) => (list.length ? list.join(", ") : t("entryForm.nobody")),
  };
}

export function ErrorText({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <p id={id} className="text-sm font-medium text-red-700">
      {errors.join(" ")}
    </p>
  ) : null;
}

/** Checkboxes drawn as toggle chips (participants, custom audience organisations). */
export function Chips({
  name,
  options,
  selected,
  onToggle,
  locked,
}: {
  name: string;
  options: { id: string; label: string; detail?: string | null }[];
  selected: string[];
  onToggle?: (id: string, checked: boolean) => void;
  locked?: string | null;
}) {
  return (
    <div className="flex flex-wrap gap-1.5">
      {options.map((option) => (
        <label
          key={option.id}
          className="inline-flex min-h-10 cursor-pointer items-center gap-2 rounded-full border border-slate-300 bg-white px-3 text-sm text-slate-700 has-checked:border-brand-600 has-checked:bg-brand-50 has-checked:text-brand-900 has-focus-visible:ring-2 has-focus-visible:ring-brand-500 has-disabled:cursor-default"
        >
          <input
            type="checkbox"
            name={name}
            value={option.id}
            // With `onToggle` the caller owns the choice (it may add one itself); else the form does.
            {...(onToggle
              ? { checked: selected.includes(option.id) }
              : { defaultChecked: selected.includes(option.id) })}
            onChange={(event) => onToggle?.(option.id, event.target.checked)}
            className="size-4 accent-brand-700"
            // The author's own organisation cannot be left out; a hidden input still sends it.
            disabled={locked === option.id}
          />
          <span className="font-medium">{option.label}</span>
          {option.detail ? <span className="text-slate-500">{option.detail}</span> : null}
          {locked === option.id ? <input type="hidden" name={name} value={option.id} /> : null}
        </label>
      ))}
    </div>
  );
}

export type AudiencePickerProps = {
  presets: string[];
  organizations: { id: string; name: string }[];
  /** An external author's own organisation, always in a custom audience. */
  requiredOrganizationId: string | null;
  value: string;
  onChange: (preset: string) => void;
  /** The custom audience's organisations to start with. */
  selectedOrganizationIds: string[];
  presetLabel: (preset: string) => string;
  presetDescription: (preset: string) => string;
  audienceErrors?: string[];
  organizationErrors?: string[];
  className?: string;
  /** When a surrounding summary already names the picker. */
  hideLegend?: boolean;
};

/** Radio cards for the presets; "custom" opens the organisation chips. */
export function AudiencePicker(props: AudiencePickerProps) {
  const { t } = useTranslation();
  const required = props.requiredOrganizationId;
  const selected = required
    ? [...new Set([...props.selectedOrganizationIds, required])]
    : props.selectedOrganizationIds;
  return (
    <fieldset
      className={
        props.className ??
        "flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
      }
      aria-describedby="audience-hint"
    >
      <legend
        className={
          props.hideLegend ? "sr-only" : "float-left w-full text-base font-semibold text-slate-900"
        }
      >
        {t("entryForm.audience")}
      </legend>
      <p
        id="audience-hint"
        className={props.hideLegend ? "text-sm text-slate-600" : "-mt-2 text-sm text-slate-600"}
      >
        {t("entryForm.audienceHint")}
      </p>
      <div className="grid gap-2 sm:grid-cols-2">
        {props.presets.map((preset) => (
          <label
            key={preset}
            className="flex cursor-pointer gap-3 rounded-lg border border-slate-300 p-3 has-checked:border-brand-600 has-checked:bg-brand-50 has-focus-visible:ring-2 has-focus-visible:ring-brand-500"
          >
            <input
              type="radio"
              name="audience"
              value={preset}
              checked={props.value === preset}
              onChange={() => props.onChange(preset)}
              className="mt-0.5 size-4 accent-brand-700"
            />
            <span className="text-sm">
              <span className="block font-medium text-slate-900">{props.presetLabel(preset)}</span>
              <span className="block text-slate-600">{props.presetDescription(preset)}</span>
            </span>
          </label>
        ))}
      </div>
      <ErrorText id="audience-error" errors={props.audienceErrors} />
      {props.value === "custom" ? (
        <div className="flex flex-col gap-1.5">
          <p className="text-sm font-medium text-slate-800">{t("entryForm.customOrganizations")}</p>
          <Chips
            name="audienceOrganizationIds"
            selected={selected}
            locked={required}
            options={props.organizations.map((organization) => ({
              id: organization.id,
              label: organization.name,
              detail: organization.id === required ? t("entryForm.yourOrganization") : null,
            }))}
          />
        </div>
      ) : null}
      <ErrorText id="audienceOrganizationIds-error" errors={props.organizationErrors} />
    </fieldset>
  );
}
