import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { holdScopes } from "#db/schema/values";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { LegalHoldList, PlaceLegalHold } from "~/features/compliance";
import {
  filterOptionNamed,
  HeldThingUnknown,
  listLegalHolds,
  placeLegalHold,
  releaseLegalHold,
} from "~/features/compliance/index.server";
import { translatorOf } from "~/kernel/locale.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";
import { redirectWithToast } from "~/kernel/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.metaTitle} · Ambit` : "Ambit" },
];

const placeSchema = (t: TFunction) =>
  z.object({
    scope: z.enum(holdScopes, { error: t("errors.chooseOption") }),
    scopeId: z.uuid({ error: t("compliance.holds.errors.target") }),
    reason: z
      .string({ error: t("compliance.holds.errors.reason") })
      .trim()
      .min(3, t("compliance.holds.errors.reason"))
      .max(500, t("compliance.holds.errors.reasonTooLong")),
  });

/** Legal holds: what may not be erased or removed by retention, and why (compliance, admins). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  if (!ability.can("read", "LegalHold")) notFound();
  const t = await translatorOf(request, context);
  const rows = await listLegalHolds(ability);
  return {
    metaTitle: t("compliance.holds.title"),
    mayPlace: ability.can("create", "LegalHold"),
    holds: rows.map((row) => ({
      id: row.hold.id,
      scope: row.hold.scope,
      heldName: row.heldName,
      reason: row.hold.reason,
      placedBy: row.placedBy,
      createdAt: row.hold.createdAt.toISOString(),
      releasedBy: row.releasedBy,
      releasedAt: row.hold.releasedAt?.toISOString() ?? null,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { ability, auditActor } = await requireAbility(request, context);
  if (!ability.can("read", "LegalHold")) notFound();
  const t = await translatorOf(request, context);
  const form = await request.formData();
  const back = "/compliance/holds";
  if (form.get("intent") === "release") {
    const released = await releaseLegalHold(ability, auditActor, String(form.get("holdId") ?? ""));
    if (!released) notFound();
    return redirectWithToast(back, { tone: "success", message: t("compliance.holds.released") });
  }
  if (!ability.can("create", "LegalHold")) notFound();
  const submission = parseWithZod(form, { schema: placeSchema(t) });
  const chosenOf = async () => {
    const scope = holdScopes.find((value) => value === form.get("scope"));
    return scope ? filterOptionNamed(ability, scope, String(form.get("scopeId") ?? "")) : null;
  };
  if (submission.status !== "success") {
    return { result: submission.reply(), chosen: await chosenOf() };
  }
  try {
    await placeLegalHold(ability, auditActor, submission.value);
  } catch (error) {
    if (!(error instanceof HeldThingUnknown)) throw error;
    return {
      result: submission.reply({ fieldErrors: { scopeId: [t("compliance.holds.errors.target")] } }),
      chosen: null,
    };
  }
  return redirectWithToast(back, { tone: "success", message: t("compliance.holds.placed") });
}

export default function LegalHolds() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6">
      <PageHeader
        back={{ to: "/compliance", label: t("compliance.console.title") }}
        title={t("compliance.holds.title")}
        intro={t("compliance.holds.intro")}
      />
      {data.mayPlace ? (
        <PlaceLegalHold
          // A hold placed starts the form afresh: no old choice, reason or message.
          key={data.holds.length}
          chosen={actionData?.chosen ?? null}
          lastResult={actionData?.result}
        />
      ) : null}
      <LegalHoldList holds={data.holds} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
