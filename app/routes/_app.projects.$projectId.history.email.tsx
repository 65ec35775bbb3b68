import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { recordContactDetailsShown } from "~/features/accounts/index.server";
import {
  ATTACHMENTS_FIELD,
  EntryWriteDenied,
  readFormWithFiles,
} from "~/features/history/index.server";
import { ComposeForm } from "~/features/mail-out";
import {
  attachmentsTooLarge,
  loadCompose,
  MAX_ATTACHMENT_BYTES,
  parseCompose,
  queueEmail,
  replyContextOf,
  senderLanguage,
} from "~/features/mail-out/index.server";
import { audienceSummary } from "~/features/sharing/index.server";
import { formatBytes } from "~/kernel/files/format-bytes";
import { readerLocaleOf } from "~/kernel/locale.server";
import { forbidden } from "~/kernel/permissions.server";
import { redirectWithToast } from "~/kernel/toast.server";
import { formatLocaleOf } from "~/i18n";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded?.metaTitle ?? "Ambit" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { current, t, project, found, choices } = await loadCompose(request, context, params);
  const search = new URL(request.url).searchParams;
  const reply = await replyContextOf(current, project.id, search.get("replyTo"));
  const asked = reply
    ? choices.recipients
        .filter((row) => reply.addresses.includes(row.email.toLowerCase()))
        .map((row) => row.key)
    : search.getAll("to");
  // The page lists these contact persons' addresses: reading them is on their record.
  await recordContactDetailsShown(
    current.auditActor,
    project.accountId,
    choices.recipients.flatMap((row) =>
      row.key.startsWith("contact:") ? [row.key.slice("contact:".length)] : [],
    ),
    "compose",
  );
  return {
    metaTitle: t("mailOut.metaTitle", { project: found.project.name }),
    projectId: project.id,
    projectName: found.project.name,
    accountName: found.accountName,
    choices,
    summary: await audienceSummary(project, "history", current),
    initialRecipients: asked.filter((key) => choices.recipients.some((row) => row.key === key)),
    reply: reply ? { entryId: reply.entryId, subject: reply.subject } : null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { current, t, project, choices } = await loadCompose(request, context, params);
  const received = await readFormWithFiles(request, t);
  try {
    const submission = parseCompose(received.formData, t, choices);
    // A refused file sends nothing: the sender sees why and keeps everything typed.
    if (received.refusals.length) {
      return data(
        submission.reply({
          fieldErrors: {
            [ATTACHMENTS_FIELD]: [...received.refusals, t("entryForm.attachments.chooseAgain")],
          },
        }),
        { status: 400 },
      );
    }
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    if (attachmentsTooLarge(submission.value, choices, received.files)) {
      const { language } = await readerLocaleOf(request, context);
      return data(
        submission.reply({
          fieldErrors: {
            [ATTACHMENTS_FIELD]: [
              t("mailOut.errors.attachmentsTooLarge", {
                max: formatBytes(MAX_ATTACHMENT_BYTES, formatLocaleOf(language)),
              }),
              t("entryForm.attachments.chooseAgain"),
            ],
          },
        }),
        { status: 400 },
      );
    }
    const entryId = await queueEmail(
      current,
      await senderLanguage(request, context),
      project,
      submission.value,
      received.files,
    );
    return redirectWithToast(`/projects/${project.id}/history/${entryId}`, {
      tone: "success",
      message: t("mailOut.queued", { subject: submission.value.subject }),
    });
  } catch (error) {
    if (error instanceof EntryWriteDenied) forbidden(t("mailOut.errors.sendForbidden"));
    throw error;
  } finally {
    await received.cleanup();
  }
}

export default function ComposeEmailPage() {
  const { projectId, projectName, accountName, choices, summary, initialRecipients, reply } =
    useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-4">
      <div>
        <h2 className="text-xl font-semibold text-slate-900">
          {t(reply ? "mailOut.replyTitle" : "mailOut.title")}
        </h2>
        <p className="text-sm text-slate-600">
          {t("mailOut.intro", { project: projectName, account: accountName })}
        </p>
      </div>
      <ComposeForm
        choices={choices}
        summary={summary}
        initialRecipients={initialRecipients}
        reply={reply}
        lastResult={lastResult}
        cancelTo={`/projects/${projectId}/history`}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
