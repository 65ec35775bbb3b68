import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { dataSubjectKinds, type DataSubjectKind } from "#db/schema/values";
import type { AppAbility } from "#policies/ability";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { listLegalHolds } from "~/features/compliance/index.server";
import { ErasureConfirm, ErasurePreviewView, pseudonymOf } from "~/features/erasure";
import {
  eraseDataSubject,
  ErasureRefused,
  latestErasureOf,
  previewErasure,
} from "~/features/erasure/index.server";
import { translatorOf } from "~/kernel/locale.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";
import { redirectWithToast } from "~/kernel/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.metaTitle} · Ambit` : "Ambit" },
];

const kindOf = (value: string | undefined) =>
  dataSubjectKinds.find((kind) => kind === value) ?? notFound();

const confirmSchema = (t: TFunction) =>
  z.object({
    reference: z
      .string({ error: t("erasure.errors.reference") })
      .trim()
      .min(3, t("erasure.errors.reference"))
      .max(200, t("erasure.errors.reference")),
    confirm: z.literal("yes", { error: t("erasure.errors.confirm") }),
  });

/** The preview as the page shows it: counts, holds by name, and whether it is done already. */
async function previewData(ability: AppAbility, kind: DataSubjectKind, id: string) {
  const preview = await previewErasure(ability, kind, id);
  if (!preview) notFound();
  const holdIds = new Set(preview.holds.map((hold) => hold.id));
  const holds = holdIds.size
    ? (await listLegalHolds(ability))
        .filter((row) => holdIds.has(row.hold.id))
        .map((row) => ({
          id: row.hold.id,
          scope: row.hold.scope,
          heldName: row.heldName,
          reason: row.hold.reason,
          placedBy: row.placedBy,
          createdAt: row.hold.createdAt.toISOString(),
        }))
    : [];
  const { person } = preview;
  return {
    person: {
      kind: person.kind,
      name: person.name,
      email: person.email,
      phone: person.phone,
      pseudonym: pseudonymOf(person.kind, person.id).name,
    },
    erasedAt: preview.erasedAt?.toISOString() ?? null,
    certificateId: preview.erasedAt ? await latestErasureOf(ability, kind, id) : null,
    holds,
    outcome: preview.outcome,
  };
}

/** What erasing one person would change, and the confirmed step that does it. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  if (!ability.can("create", "Erasure")) notFound();
  const kind = kindOf(params.kind);
  const t = await translatorOf(request, context);
  const data = await previewData(ability, kind, params.subjectId ?? "");
  return { metaTitle: t("erasure.preview.title", { name: data.person.name }), ...data };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ability, auditActor } = await requireAbility(request, context);
  if (!ability.can("create", "Erasure")) notFound();
  const kind = kindOf(params.kind);
  const id = params.subjectId ?? "";
  const t = await translatorOf(request, context);
  const submission = parseWithZod(await request.formData(), { schema: confirmSchema(t) });
  if (submission.status !== "success") return { result: submission.reply() };
  try {
    const erasureId = await eraseDataSubject(ability, auditActor, {
      kind,
      id,
      reference: submission.value.reference,
    });
    return redirectWithToast(`/compliance/erasures/${erasureId}`, {
      tone: "success",
      message: t("erasure.done", { pseudonym: pseudonymOf(kind, id).name }),
    });
  } catch (error) {
    if (!(error instanceof ErasureRefused)) throw error;
    if (error.reason === "unknown") notFound();
    if (error.reason === "referenceNamesPerson") {
      return {
        result: submission.reply({
          fieldErrors: { reference: [t("erasure.errors.referenceNamesPerson")] },
        }),
      };
    }
    // A hold placed, or an erasure done, since the page was opened: say so, keep what was typed.
    return {
      result: submission.reply({
        formErrors: [
          t(error.reason === "held" ? "erasure.errors.held" : "erasure.errors.alreadyErased"),
        ],
      }),
    };
  }
}

export default function ErasePerson() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const mayErase = !data.erasedAt && data.holds.length === 0;
  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-6">
      <PageHeader
        back={{ to: "/compliance/subject-requests", label: t("compliance.subjectExport.title") }}
        title={t("erasure.preview.title", { name: data.person.name })}
        intro={mayErase ? t("erasure.preview.intro", { name: data.person.name }) : undefined}
      />
      <ErasurePreviewView {...data} />
      {mayErase ? <ErasureConfirm lastResult={actionData?.result} /> : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
