import { Form, useActionData, useNavigation } from "@remix-run/react";
import { CheckCircle2, FolderInput, MailQuestionMark, Trash2 } from "lucide-react";
import { useTranslation } from "react-i18next";
import { LocalTime } from "~/components/local-time";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { Field } from "~/components/ui/field";
import { SelectField } from "~/components/ui/select-field";
import { formatBytes } from "~/kernel/files/format-bytes";
import { formatLocaleOf } from "~/i18n";
import type { UnresolvedMailView } from "../types";

export type DecisionError = {
  id: string;
  field: "projectId" | "audience" | "reason" | "form";
  message: string;
};

type Props = {
  items: UnresolvedMailView[];
  projects: { id: string; name: string }[];
  presets: string[];
};

/** The queue of received mail nobody could place: each with why, its text, and the two ways out. */
export function UnresolvedList({ items, projects, presets }: Props) {
  const { t } = useTranslation();
  if (items.length === 0) {
    return (
      <EmptyState
        icon={CheckCircle2}
        title={t("mailIn.unresolved.emptyTitle")}
        body={t("mailIn.unresolved.emptyBody")}
      />
    );
  }
  return (
    <ul className="flex flex-col gap-4" data-testid="unresolved-list">
      {items.map((item) => (
        <UnresolvedItem key={item.id} item={item} projects={projects} presets={presets} />
      ))}
    </ul>
  );
}

function UnresolvedItem({
  item,
  projects,
  presets,
}: {
  item: UnresolvedMailView;
  projects: Props["projects"];
  presets: string[];
}) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const result = useActionData<{ error?: DecisionError }>();
  const error = result?.error?.id === item.id ? result.error : undefined;
  const errorsFor = (field: DecisionError["field"]) =>
    error?.field === field ? [error.message] : undefined;
  const pending = navigation.state === "submitting" && navigation.formData?.get("id") === item.id;
  const titleId = `unresolved-${item.id}`;
  return (
    <li
      className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
      aria-labelledby={titleId}
    >
      <div className="flex flex-wrap items-start gap-3">
        <MailQuestionMark aria-hidden className="mt-0.5 size-5 shrink-0 text-amber-600" />
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="font-semibold break-words text-slate-900">
            {item.subject || t("history.emlImport.noSubject")}
          </h2>
          <p className="text-sm break-words text-slate-600">
            {item.fromName ? `${item.fromName} <${item.fromAddress}>` : item.fromAddress} ·{" "}
            <LocalTime iso={item.receivedAt} />
          </p>
          <p className="text-sm break-all text-slate-500">
            {t("mailIn.unresolved.to", { addresses: item.recipients.join(", ") })}
          </p>
        </div>
      </div>
      <p className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        <span className="font-semibold">{t(`mailIn.unresolved.reasons.${item.reason}.title`)}</span>{" "}
        {t(`mailIn.unresolved.reasons.${item.reason}.body`, { project: item.projectName ?? "" })}
      </p>
      {item.assignable ? (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium text-brand-700">
            {t("mailIn.unresolved.showText")}
          </summary>
          <pre className="mt-2 max-h-80 overflow-auto rounded-lg bg-slate-50 p-3 font-sans whitespace-pre-wrap text-slate-800">
            {item.previewText || t("mailIn.unresolved.noText")}
          </pre>
        </details>
      ) : (
        <p className="text-sm text-slate-600">
          {t("mailIn.unresolved.notKept", {
            size: formatBytes(item.rawSize, formatLocaleOf(i18n.language)),
          })}
        </p>
      )}
      {error?.field === "form" ? (
        <p className="text-sm font-medium text-red-700" role="alert">
          {error.message}
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {item.assignable ? (
          <Form
            method="post"
            className="flex flex-col gap-3 rounded-lg border border-slate-200 p-3"
          >
            <input type="hidden" name="id" value={item.id} />
            <input type="hidden" name="intent" value="assign" />
            <SelectField
              label={t("mailIn.unresolved.project")}
              errors={errorsFor("projectId")}
              selectProps={{
                id: `project-${item.id}`,
                name: "projectId",
                defaultValue: item.projectId ?? "",
                required: true,
              }}
            >
              <option value="" disabled>
                {t("mailIn.unresolved.chooseProject")}
              </option>
              {projects.map((project) => (
                <option key={project.id} value={project.id}>
                  {project.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t("mailIn.unresolved.audience")}
              errors={errorsFor("audience")}
              selectProps={{
                id: `audience-${item.id}`,
                name: "audience",
                defaultValue: "internal",
              }}
            >
              {presets.map((preset) => (
                <option key={preset} value={preset}>
                  {t(`mailIn.unresolved.presets.${preset}`)}
                </option>
              ))}
            </SelectField>
            <Button type="submit" pending={pending} className="w-fit">
              <FolderInput aria-hidden className="size-4" />
              {t("mailIn.unresolved.assign")}
            </Button>
          </Form>
        ) : null}
        <Form method="post" className="flex flex-col gap-3 rounded-lg border border-slate-200 p-3">
          <input type="hidden" name="id" value={item.id} />
          <input type="hidden" name="intent" value="discard" />
          <Field
            label={t("mailIn.unresolved.discardReason")}
            errors={errorsFor("reason")}
            inputProps={{ id: `reason-${item.id}`, name: "reason", required: true, maxLength: 500 }}
          />
          <Button type="submit" variant="secondary" pending={pending} className="w-fit">
            <Trash2 aria-hidden className="size-4" />
            {t("mailIn.unresolved.discard")}
          </Button>
        </Form>
      </div>
    </li>
  );
}
