import { and, asc, count, eq, gt, or, sql } from "drizzle-orm";
import type { TFunction } from "i18next";
import { db } from "#db/client.server";
import { projects, unresolvedMails } from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { EntryWriteDenied, importEml } from "~/features/history/index.server";
import {
  audienceChoices,
  projectForPolicy,
  type AudiencePreset,
} from "~/features/sharing/index.server";
import { recordAudit } from "~/kernel/audit/audit.server";
import { decodeTimeCursor, encodePageCursor } from "~/kernel/page-cursor.server";
import { isUuid } from "~/kernel/query-input";
import { withEmlFile } from "./eml-file.server";
import type { Viewer } from "~/kernel/viewer.server";
import type { UnresolvedMailView } from "./types";

const PAGE = 50;

/**
 * The open queue, oldest first (they wait longest), for those who may place mail: a page after
 * the cursor, the cursor of the next page, and how many wait in all.
 */
export async function listUnresolved(ability: AppAbility, cursor?: string | null) {
  const after = decodeTimeCursor(cursor);
  const readable = and(
    eq(unresolvedMails.status, "open"),
    accessibleWhere(ability, "read", "UnresolvedMail"),
  );
  const [rows, [counted]] = await Promise.all([
    db()
      .select({
        id: unresolvedMails.id,
        receivedAt: unresolvedMails.receivedAt,
        fromAddress: unresolvedMails.fromAddress,
        fromName: unresolvedMails.fromName,
        recipients: unresolvedMails.recipients,
        subject: unresolvedMails.subject,
        previewText: unresolvedMails.previewText,
        rawSize: unresolvedMails.rawSize,
        kept: sql<boolean>`${unresolvedMails.raw} is not null`,
        reason: unresolvedMails.reason,
        projectId: unresolvedMails.projectId,
        projectName: projects.name,
      })
      .from(unresolvedMails)
      .leftJoin(projects, eq(projects.id, unresolvedMails.projectId))
      .where(
        and(
          readable,
          after
            ? or(
                gt(unresolvedMails.receivedAt, after.at),
                and(eq(unresolvedMails.receivedAt, after.at), gt(unresolvedMails.id, after.id)),
              )
            : undefined,
        ),
      )
      .orderBy(asc(unresolvedMails.receivedAt), asc(unresolvedMails.id))
      .limit(PAGE + 1),
    db().select({ total: count() }).from(unresolvedMails).where(readable),
  ]);
  const shown = rows.slice(0, PAGE);
  const last = shown.at(-1);
  const items: UnresolvedMailView[] = shown.map(({ kept, receivedAt, ...row }) => ({
    ...row,
    receivedAt: receivedAt.toISOString(),
    assignable: kept,
  }));
  return {
    items,
    total: counted?.total ?? 0,
    nextCursor:
      rows.length > PAGE && last ? encodePageCursor(last.receivedAt.toISOString(), last.id) : null,
  };
}

/** The projects a mail may be placed in: those whose history the reader may write to. */
export async function assignableProjects(ability: AppAbility) {
  return db()
    .select({ id: projects.id, name: projects.name })
    .from(projects)
    .where(accessibleWhere(ability, "read", "Project"))
    .orderBy(asc(projects.name))
    .limit(500);
}

async function openRow(id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db()
    .select()
    .from(unresolvedMails)
    .where(and(eq(unresolvedMails.id, id), eq(unresolvedMails.status, "open")));
  return row;
}

export type DecisionResult =
  | { ok: true; entryId?: string; duplicate?: boolean }
  | { ok: false; error: "gone" | "project" | "audience" | "notKept" | "reason" };

export const MAX_DISCARD_REASON = 500;

/**
 * Places a waiting mail in a project's history with the audience the account manager chose,
 * written as theirs (they vouch for it), through the `.eml` pipeline; audited.
 */
export async function assignUnresolved(
  viewer: Viewer,
  id: string,
  choice: { projectId: string; preset: string },
  t: TFunction,
): Promise<DecisionResult> {
  const row = await openRow(id);
  if (!row || !viewer.ability.can("update", "UnresolvedMail")) return { ok: false, error: "gone" };
  if (!row.raw) return { ok: false, error: "notKept" };
  const project = await projectForPolicy(choice.projectId, { scope: viewer.ability });
  if (!project) return { ok: false, error: "project" };
  const choices = audienceChoices(viewer.ability, project);
  if (!(choices.presets as string[]).includes(choice.preset) || choice.preset === "custom") {
    return { ok: false, error: "audience" };
  }
  // Taken first, so that two people deciding at once cannot both place (or place and discard)
  // it; given back when the import does not go through.
  const [taken] = await db()
    .update(unresolvedMails)
    .set({ status: "assigned", decidedById: viewer.user.id, decidedAt: new Date() })
    .where(and(eq(unresolvedMails.id, row.id), eq(unresolvedMails.status, "open")))
    .returning({ id: unresolvedMails.id });
  if (!taken) return { ok: false, error: "gone" };
  const giveBack = () =>
    db()
      .update(unresolvedMails)
      .set({ status: "open", decidedById: null, decidedAt: null })
      .where(eq(unresolvedMails.id, row.id));
  let result: Awaited<ReturnType<typeof importEml>>;
  try {
    result = await withEmlFile(row.raw, "unresolved.eml", (eml) =>
      importEml(
        viewer.ability,
        viewer.policyActor,
        viewer.auditActor,
        project,
        eml,
        { noSubject: t("history.emlImport.noSubject") },
        {
          audience: { preset: choice.preset as AudiencePreset, organizationIds: [] },
          auditDetails: { source: "unresolved", unresolvedMailId: row.id },
        },
      ),
    );
  } catch (error) {
    await giveBack();
    if (error instanceof EntryWriteDenied) return { ok: false, error: "project" };
    throw error;
  }
  if (result.kind === "malformed") {
    await giveBack();
    return { ok: false, error: "notKept" };
  }
  await db().transaction(async (tx) => {
    await tx
      .update(unresolvedMails)
      .set({ entryId: result.entryId })
      .where(eq(unresolvedMails.id, row.id));
    await recordAudit(
      viewer.auditActor,
      {
        action: "email.unresolved_assigned",
        subjectType: "UnresolvedMail",
        subjectId: row.id,
        projectId: project.id,
        details: { entryId: result.entryId, audience: choice.preset, reason: row.reason },
      },
      tx,
    );
  });
  return { ok: true, entryId: result.entryId, duplicate: result.kind === "duplicate" };
}

/** Drops a waiting mail with a reason; its content is deleted, its envelope stays for the log. */
export async function discardUnresolved(
  viewer: Viewer,
  id: string,
  reason: string,
): Promise<DecisionResult> {
  const row = await openRow(id);
  if (!row || !viewer.ability.can("update", "UnresolvedMail")) return { ok: false, error: "gone" };
  const why = reason.trim();
  if (!why || why.length > MAX_DISCARD_REASON) return { ok: false, error: "reason" };
  const discarded = await db().transaction(async (tx) => {
    const [changed] = await tx
      .update(unresolvedMails)
      .set({
        status: "discarded",
        raw: null,
        previewText: "",
        decidedById: viewer.user.id,
        decidedAt: new Date(),
        decisionReason: why,
      })
      .where(and(eq(unresolvedMails.id, row.id), eq(unresolvedMails.status, "open")))
      .returning({ id: unresolvedMails.id });
    // Someone else decided first: nothing happened here, and nothing is recorded.
    if (!changed) return false;
    await recordAudit(
      viewer.auditActor,
      {
        action: "email.unresolved_discarded",
        subjectType: "UnresolvedMail",
        subjectId: row.id,
        projectId: row.projectId,
        details: { reason: row.reason },
        personal: { decision: why },
      },
      tx,
    );
    return true;
  });
  return discarded ? { ok: true } : { ok: false, error: "gone" };
}
