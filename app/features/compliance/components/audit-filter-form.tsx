import { Form, Link } from "@remix-run/react";
import { Download, Filter } from "lucide-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { FilterCombobox } from "~/components/filter-combobox";
import { Button, buttonClasses } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { SelectField } from "~/components/ui/select-field";
import { auditActions, auditGroups, type AuditAction } from "~/kernel/audit/actions";
import { auditItemTypes, type AuditFilterForm } from "../types";

type Option = { id: string; name: string; detail?: string | null };

/** The person, organisation and project the URL chose, by name (null: none, or not readable). */
export type AuditFilterChoices = {
  actor: Option | null;
  organization: Option | null;
  project: Option | null;
};

const OPTIONS = "/compliance/audit/filter-options?filter=";

/**
 * The explorer's filters: a GET form, so every answer has its own address (to bookmark, to send
 * to a colleague, to export). What was typed stays in the fields, with what is wrong next to it.
 */
export function AuditFilterFormView({
  form,
  choices,
  exportHref,
}: {
  form: AuditFilterForm;
  choices: AuditFilterChoices;
  exportHref: string | null;
}) {
  const { t } = useTranslation();
  const { values, errors } = form;
  const error = (field: keyof AuditFilterForm["errors"]) =>
    errors[field] ? [t(errors[field])] : undefined;
  const filtered = Object.values(values).some(Boolean);
  // On a phone ten fields would push the answer off the screen: unless a filter is set they
  // start folded (after hydration; the server draws them open for every screen).
  const [open, setOpen] = useState(true);
  useEffect(() => {
    if (!filtered && window.matchMedia("(max-width: 639px)").matches) setOpen(false);
  }, [filtered]);
  return (
    <Form
      method="get"
      className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
      aria-label={t("compliance.audit.filters")}
    >
      <details
        open={open}
        onToggle={(event) => setOpen(event.currentTarget.open)}
        className="group flex flex-col gap-4"
      >
        <summary className="flex min-h-11 cursor-pointer items-center gap-2 font-medium text-slate-900 sm:hidden">
          <Filter aria-hidden className="size-4" />
          {t("compliance.audit.filters")}
        </summary>
        <div className="grid gap-4 pt-2 sm:grid-cols-2 sm:pt-0 lg:grid-cols-4">
          <FilterCombobox
            label={t("compliance.audit.actor")}
            name="actor"
            all={t("compliance.audit.anyone")}
            source={`${OPTIONS}actor`}
            selected={choices.actor}
            errors={error("actor")}
          />
          <FilterCombobox
            label={t("compliance.audit.organization")}
            name="organization"
            all={t("compliance.audit.anyOrganization")}
            source={`${OPTIONS}organization`}
            selected={choices.organization}
            errors={error("organization")}
          />
          <FilterCombobox
            label={t("compliance.audit.project")}
            name="project"
            all={t("compliance.audit.anyProject")}
            source={`${OPTIONS}project`}
            selected={choices.project}
            errors={error("project")}
          />
          <SelectField
            label={t("compliance.audit.itemType")}
            errors={error("itemType")}
            selectProps={{ id: "itemType", name: "itemType", defaultValue: values.itemType }}
          >
            <option value="">{t("compliance.audit.anyItem")}</option>
            {Object.keys(auditItemTypes).map((type) => (
              <option key={type} value={type}>
                {t(`compliance.audit.itemTypes.${type}`)}
              </option>
            ))}
          </SelectField>
          <Field
            label={t("compliance.audit.item")}
            hint={t("compliance.audit.itemHint")}
            errors={error("item")}
            inputProps={{ id: "item", name: "item", defaultValue: values.item, maxLength: 200 }}
          />
          <SelectField
            label={t("compliance.audit.group")}
            errors={error("group")}
            selectProps={{ id: "group", name: "group", defaultValue: values.group }}
          >
            <option value="">{t("compliance.audit.anyGroup")}</option>
            {auditGroups.map((group) => (
              <option key={group} value={group}>
                {t(`compliance.audit.groups.${group}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("compliance.audit.action")}
            errors={error("action")}
            selectProps={{ id: "action", name: "action", defaultValue: values.action }}
          >
            <option value="">{t("compliance.audit.anyAction")}</option>
            {auditGroups.map((group) => (
              <optgroup key={group} label={t(`compliance.audit.groups.${group}`)}>
                {(Object.keys(auditActions) as AuditAction[])
                  .filter((action) => auditActions[action] === group)
                  .map((action) => (
                    <option key={action} value={action}>
                      {action}
                    </option>
                  ))}
              </optgroup>
            ))}
          </SelectField>
          <Field
            label={t("compliance.audit.ip")}
            errors={error("ip")}
            inputProps={{
              id: "ip",
              name: "ip",
              defaultValue: values.ip,
              inputMode: "text",
              autoComplete: "off",
              spellCheck: false,
            }}
          />
          <Field
            label={t("compliance.audit.from")}
            control="date"
            errors={error("from")}
            inputProps={{ id: "from", name: "from", defaultValue: values.from }}
          />
          <Field
            label={t("compliance.audit.to")}
            control="date"
            errors={error("to")}
            inputProps={{ id: "to", name: "to", defaultValue: values.to }}
          />
        </div>
      </details>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit">
          <Filter aria-hidden className="size-4" />
          {t("compliance.audit.apply")}
        </Button>
        <Link to="/compliance/audit" className={buttonClasses("ghost")}>
          {t("compliance.audit.reset")}
        </Link>
        {exportHref ? (
          <a
            href={exportHref}
            className={buttonClasses("secondary", "sm:ml-auto")}
            aria-describedby="export-hint"
            download
          >
            <Download aria-hidden className="size-4" />
            {t("compliance.audit.exportCsv")}
          </a>
        ) : null}
      </div>
      {exportHref ? (
        <p id="export-hint" className="text-sm text-slate-600">
          {t("compliance.audit.exportHint")}
        </p>
      ) : null}
    </Form>
  );
}
