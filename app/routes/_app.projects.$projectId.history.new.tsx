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
  loadEntryForm,
  suggestedContact,
} from "~/features/history/entry-form-page.server";
import {
  parseEntryForm,
  readEntryFormRequest,
  refusedAttachmentsReply,
} from "~/features/history/entry-form.server";
import { createEntry, EntryWriteDenied } from "~/features/history/entry-write.server";
import { forbidden } from "~/kernel/permissions.server";
import { redirectWithToast } from "~/kernel/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded?.metaTitle ?? "Ambit" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const loaded = await loadEntryForm(request, context, params);
  const channel = new URL(request.url).searchParams.get("channel");
  const defaults = await entryFormDefaults(loaded, channel);
  return {
    metaTitle: loaded.t("entryForm.newMetaTitle", { project: loaded.found.project.name }),
    projectId: loaded.project.id,
    projectName: loaded.found.project.name,
    accountName: loaded.found.accountName,
    defaults,
    choices: loaded.choices,
    summary: await audienceSummaryOf(loaded),
    suggestedContact: await suggestedContact(loaded),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const loaded = await loadEntryForm(request, context, params);
  const { current, t, project } = loaded;
  const received = await readEntryFormRequest(request, t);
  try {
    const submission = parseEntryForm(received.formData, t, loaded.choices);
    // A refused file saves nothing: the author sees why and keeps everything typed.
    if (received.refusals.length) {
      return data(refusedAttachmentsReply(submission, t, received.refusals), { status: 400 });
    }
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    const entryId = await createEntry(
      current.ability,
      current.policyActor,
      current.auditActor,
      project,
      submission.value,
      received.files,
    );
    return redirectWithToast(`/projects/${project.id}/history/${entryId}`, {
      tone: "success",
      message: t("entryForm.created", { subject: submission.value.subject }),
    });
  } catch (error) {
    if (error instanceof EntryWriteDenied) forbidden(t("entryForm.errors.createForbidden"));
    throw error;
  } finally {
    await received.cleanup();
  }
}

export default function LogEntryPage() {
  const { projectId, projectName, accountName, defaults, choices, summary, suggestedContact } =
    useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-4">
      <div>
        <h2 className="text-xl font-semibold text-slate-900">
          {t(`entryForm.newTitle.${defaults.channel}`)}
        </h2>
        <p className="text-sm text-slate-600">
          {t("entryForm.intro", { project: projectName, account: accountName })}
        </p>
      </div>
      <EntryForm
        mode="new"
        defaults={defaults}
        choices={choices}
        summary={summary}
        accountName={accountName}
        lastResult={lastResult}
        cancelTo={`/projects/${projectId}/history`}
        suggestedContact={suggestedContact}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
