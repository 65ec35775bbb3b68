import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { EmlImportZone, type EmlImportAnswer } from "~/features/history/components/eml-import";
import { translatorOf } from "~/kernel/locale.server";
import { contactRedaction, redactionLabels } from "~/features/accounts/contact-redaction.server";
import { findEntry } from "~/features/history/entry.server";
import { entrySubject } from "~/features/history/entry-subject.server";
import { projectForPolicy } from "~/features/sharing/audience.server";
import { EntryWriteDenied } from "~/features/history/entry-write.server";
import { findProject } from "~/features/projects/project.server";
import {
  refusalMessage,
  refusalStatus,
  rejectedMessage,
} from "~/features/documents/document-upload.server";
import { EmlImportDenied, importEml } from "~/features/history/eml-import.server";
import { receiveUpload, UploadRejected, type ReceivedUpload } from "~/kernel/files/upload.server";
import { forbidden, notFound, requireAbility } from "~/kernel/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded?.metaTitle ?? "Ambit" },
];

/** The project, 404 unless readable, 403 unless the reader may log entries in it. */
async function requireImport(request: Request, context: LoaderFunctionArgs["context"], id = "") {
  const current = await requireAbility(request, context);
  const t = await translatorOf(request, context);
  const found = await findProject(current.ability, id);
  if (!found) notFound();
  const project = await projectForPolicy(found.project.id, { scope: current.ability });
  if (!project) notFound();
  if (!current.ability.can("create", entrySubject(project))) {
    forbidden(t("history.emlImport.forbidden"));
  }
  return { current, t, found, project };
}

/** Without JavaScript the import form posts here and this page shows the answer. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { t, found } = await requireImport(request, context, params.projectId);
  return {
    projectId: found.project.id,
    metaTitle: `${t("history.emlImport.title")} · ${found.project.name}`,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { current, t, project } = await requireImport(request, context, params.projectId);
  const answer = (status: number, body: EmlImportAnswer) => data(body, { status });
  const failure = (status: number, message: string) =>
    answer(status, { outcome: "error", message, skipped: [] });

  let upload: ReceivedUpload;
  try {
    upload = await receiveUpload(request);
  } catch (error) {
    if (!(error instanceof UploadRejected)) throw error;
    return failure(refusalStatus(error.reason), rejectedMessage(t, error));
  }
  try {
    const [refused] = upload.refused;
    if (refused) return failure(refusalStatus(refused.reason), refusalMessage(t, refused));
    const eml = upload.files.find((file) => file.field === "eml");
    if (!eml) return failure(400, t("history.emlImport.noFile"));
    if (eml.kind !== "email") {
      return failure(400, t("history.emlImport.notEml", { name: eml.name }));
    }
    let result;
    try {
      result = await importEml(
        current.ability,
        current.policyActor,
        current.auditActor,
        project,
        eml,
        { noSubject: t("history.emlImport.noSubject") },
      );
    } catch (error) {
      if (error instanceof EntryWriteDenied || error instanceof EmlImportDenied) {
        forbidden(t("history.emlImport.forbidden"));
      }
      throw error;
    }
    if (result.kind === "malformed") {
      return failure(
        422,
        t("history.emlImport.malformed", {
          name: eml.name,
          reason: t(`history.emlImport.reasons.${result.reason}`),
        }),
      );
    }
    // A subject names contact persons' addresses and numbers only to readers who may read them.
    const subjectFor = async (subject: string) =>
      (
        await contactRedaction(current, redactionLabels(t), {
          projectIds: [project.id],
          texts: [subject],
        })
      ).text(subject);
    if (result.kind === "duplicate") {
      // The link only for a reader who may open that entry; the sentence tells no more.
      const existing = await findEntry(current.ability, project.id, result.entryId);
      return answer(409, {
        outcome: "duplicate",
        message: t("history.emlImport.duplicate"),
        entry:
          existing && !existing.redactedAt
            ? {
                href: `/projects/${project.id}/history/${existing.id}`,
                label: t("history.emlImport.openExisting", {
                  subject: await subjectFor(existing.subject),
                }),
              }
            : undefined,
        skipped: [],
      });
    }
    const names = new Map(
      project.liveMemberships.map((row) => [row.membership.organizationId, row.organizationName]),
    );
    const audienceNames = result.audienceOrganizationIds.map((id) => names.get(id) ?? "");
    return answer(200, {
      outcome: "imported",
      message: t("history.emlImport.imported", { subject: await subjectFor(result.subject) }),
      entry: {
        href: `/projects/${project.id}/history/${result.entryId}`,
        label: t("history.emlImport.openImported"),
      },
      // A custom audience reads best as its organisations; the host always sees it.
      audience:
        result.audience === "custom"
          ? audienceNames.join(", ")
          : t(`history.audiences.${result.audience}`),
      skipped: result.skipped.map((file) => refusalMessage(t, file)),
    });
  } finally {
    await upload.cleanup();
  }
}

export default function ImportEmailPage() {
  const { projectId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-4">
      <h2 className="text-xl font-semibold text-slate-900">{t("history.emlImport.title")}</h2>
      <EmlImportZone projectId={projectId} result={result} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
