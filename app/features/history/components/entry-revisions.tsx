import { FilePen } from "lucide-react";
import { useTranslation } from "react-i18next";
import { LocalTime } from "~/components/local-time";
import { EmptyState } from "~/components/ui/empty-state";

type Change = { field: string; before: string | null; after: string | null };
type Revision = { id: string; editorName: string; createdAt: string; changes: Change[] };

const labelKeys: Record<string, string> = {
  channel: "history.entry.channel",
  direction: "history.entry.direction",
  occurredAt: "history.entry.occurredAt",
  subject: "entryForm.subject",
  bodyText: "entryForm.body",
  durationMinutes: "history.entry.duration",
  outcome: "history.entry.outcome",
  postalDate: "history.entry.postalDate",
  reference: "history.entry.reference",
  from: "history.entry.from",
  to: "history.entry.to",
  cc: "history.entry.cc",
  location: "history.entry.location",
  audience: "entryForm.audience",
  audienceOrganizationIds: "entryForm.customOrganizations",
  contactIds: "entryForm.participants",
  userIds: "entryForm.people",
};

// Fields whose stored values are codes the page translates.
const valueKeys: Record<string, string> = {
  channel: "history.channels",
  direction: "history.directions",
  outcome: "history.entry.outcomes",
  audience: "entryForm.audiencePresets",
};

function Value({ field, value }: { field: string; value: string | null }) {
  const { t } = useTranslation();
  if (value === null)
    return <span className="text-slate-400 italic">{t("history.entry.empty")}</span>;
  if (field === "occurredAt") return <LocalTime iso={value} />;
  const prefix = valueKeys[field];
  const text = prefix ? t(`${prefix}.${value}`, { defaultValue: value, host: "", own: "" }) : value;
  return <span className="break-words whitespace-pre-wrap">{text}</span>;
}

/** The edits of an entry, newest first: who, when, and each field's before and after. */
export function EntryRevisions({ revisions }: { revisions: Revision[] }) {
  const { t } = useTranslation();
  if (revisions.length === 0) {
    return (
      <EmptyState
        className="border-0 py-6"
        icon={FilePen}
        title={t("history.entry.noRevisions")}
        body={t("history.entry.noRevisionsBody")}
      />
    );
  }
  return (
    <ol className="flex flex-col divide-y divide-slate-100 text-sm" data-testid="revisions">
      {revisions.map((revision) => (
        <li key={revision.id} className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0">
          <p className="flex flex-wrap justify-between gap-2">
            <span className="font-medium text-slate-900">
              {t("history.entry.editedBy", { name: revision.editorName })}
            </span>
            <span className="text-slate-600">
              <LocalTime iso={revision.createdAt} />
            </span>
          </p>
          <dl className="flex flex-col gap-2">
            {revision.changes.map((change) =>
              change.field === "sharing" ? (
                <div key={change.field} className="text-slate-700">
                  {t("history.entry.sharingChanged")}
                </div>
              ) : (
                <div key={change.field} className="grid gap-1 sm:grid-cols-[9rem_1fr]">
                  <dt className="text-slate-500">{t(labelKeys[change.field] ?? change.field)}</dt>
                  <dd className="grid gap-1">
                    <span className="rounded bg-red-50 px-2 py-1 text-red-900">
                      <span className="sr-only">{t("history.entry.before")}: </span>
                      <Value field={change.field} value={change.before} />
                    </span>
                    <span className="rounded bg-emerald-50 px-2 py-1 text-emerald-900">
                      <span className="sr-only">{t("history.entry.after")}: </span>
                      <Value field={change.field} value={change.after} />
                    </span>
                  </dd>
                </div>
              ),
            )}
          </dl>
        </li>
      ))}
    </ol>
  );
}
