import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EntryForm } from "~/features/history/components/entry-form";
import { RouteErrorBoundary } from "~/components/error-boundary";
import {
  audienceSummaryOf,
  entryFormDefaults,
  keepWithheld,
  loadEntryForm,
  loadWithheld,
} from "~/features/history/entry-form-page.server";
import {
  parseEntryForm,
  readEntryFormRequest,
  refusedAttachmentsReply,
} from "~/features/history/entry-form.server";
import { EntryWriteDenied, updateEntry } from "~/features/history/entry-write.server";
import { forbidden } from "~/kernel/permissions.server";
import { redirectWithToast } from "~/kernel/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded?.metaTitle ?? "Ambit" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const loaded = await loadEntryForm(request, context, params);
  // A contact person's address or number the editor may not see stays out of the form.
  const withheld = await loadWithheld(loaded);
  const defaults = await entryFormDefaults(loaded, null, withheld);
  return {
    metaTitle: loaded.t("entryForm.editMetaTitle", { subject: defaults.subject }),
    entryId: loaded.existing!.id,
    projectId: loaded.project.id,
    projectName: loaded.found.project.name,
    accountName: loaded.found.accountName,
    defaults,
    withheld: withheld.view,
    choices: loaded.choices,
    summary: await audienceSummaryOf(loaded),
    attachments: loaded.existing!.attachments,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const loaded = await loadEntryForm(request, context, params);
  const { current, t, project, existing } = loaded;
  const received = await readEntryFormRequest(request, t);
  try {
    const submission = parseEntryForm(received.formData, t, loaded.choices);
    if (received.refusals.length) {
      return data(refusedAttachmentsReply(submission, t, received.refusals), { status: 400 });
    }
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    const withheld = await loadWithheld(loaded);
    const input = keepWithheld(submission.value, withheld, received.formData);
    const changed = await updateEntry(
      current.ability,
      current.auditActor,
      project,
      existing!,
      input,
      received.files,
      current.policyActor,
    );
    return redirectWithToast(
      `/projects/${project.id}/history/${existing!.id}`,
      changed.length
        ? {
            tone: "success",
            message: t("entryForm.updated", { subject: withheld.redaction.text(input.subject) }),
          }
        : { tone: "info", message: t("entryForm.unchanged") },
    );
  } catch (error) {
    if (error instanceof EntryWriteDenied) forbidden(t("entryForm.errors.updateForbidden"));
    throw error;
  } finally {
    await received.cleanup();
  }
}

export default function EditEntryPage() {
  const {
    entryId,
    projectId,
    projectName,
    accountName,
    defaults,
    withheld,
    choices,
    summary,
    attachments,
  } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-4">
      <div>
        <h2 className="text-xl font-semibold text-slate-900">{t("entryForm.editTitle")}</h2>
        <p className="text-sm text-slate-600">
          {t("entryForm.intro", { project: projectName, account: accountName })}
        </p>
      </div>
      <EntryForm
        mode="edit"
        defaults={defaults}
        choices={choices}
        summary={summary}
        accountName={accountName}
        lastResult={lastResult}
        cancelTo={`/projects/${projectId}/history/${entryId}`}
        existingAttachments={attachments}
        withheld={withheld}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
