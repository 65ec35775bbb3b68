import { and, eq, sql } from "drizzle-orm";
import { db } from "#db/client.server";
import { captureAddresses, organizations, projects } from "#db/schema";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { captureAddress, captureToken, isCaptureToken, slugOf } from "./capture-token.server";

export type CaptureAddressRow = typeof captureAddresses.$inferSelect;

/**
 * The capture address of an organisation in a project, made the first time it is asked for. Its
 * words are the names of that moment (ADR 19): a later renaming leaves the address as it was.
 */
export async function captureAddressFor(projectId: string, organizationId: string) {
  const [names] = await db()
    .select({ project: projects.name, organization: organizations.name })
    .from(projects)
    .innerJoin(organizations, eq(organizations.id, organizationId))
    .where(eq(projects.id, projectId));
  if (!names) throw new Error(`No project ${projectId} or organisation ${organizationId}`);
  await db()
    .insert(captureAddresses)
    .values({
      projectId,
      organizationId,
      label: `${slugOf(names.project)}.${slugOf(names.organization)}`,
      token: captureToken(projectId, organizationId, 1),
    })
    .onConflictDoNothing();
  const [row] = await db()
    .select()
    .from(captureAddresses)
    .where(
      and(
        eq(captureAddresses.projectId, projectId),
        eq(captureAddresses.organizationId, organizationId),
      ),
    );
  return { ...row!, address: captureAddress(row!) };
}

/**
 * Gives the pair a new address (the next key version): mail to the old one no longer lands.
 * Audited as `capture_address.rotated` with the versions from → to. With `seen` (the address the
 * rotator was shown), null when it has been replaced since, so two people who click at once
 * replace it once; also null when another rotation won the race in between.
 */
export async function rotateCaptureAddress(
  projectId: string,
  organizationId: string,
  actor: AuditActor,
  seen?: string,
) {
  const current = await captureAddressFor(projectId, organizationId);
  if (seen !== undefined && seen !== current.address) return null;
  const keyVersion = current.keyVersion + 1;
  const token = captureToken(projectId, organizationId, keyVersion);
  return db().transaction(async (tx) => {
    // One update sets the version and its token; when a rotation raced this one it finds no row.
    const [row] = await tx
      .update(captureAddresses)
      .set({ keyVersion, token, rotatedAt: sql`now()`, rotatedById: actor.userId ?? null })
      .where(
        and(
          eq(captureAddresses.projectId, projectId),
          eq(captureAddresses.organizationId, organizationId),
          eq(captureAddresses.keyVersion, current.keyVersion),
        ),
      )
      .returning();
    if (!row) return null;
    await recordAudit(
      actor,
      {
        action: "capture_address.rotated",
        subjectType: "CaptureAddress",
        subjectId: organizationId,
        projectId,
        details: { from: current.keyVersion, to: row.keyVersion },
      },
      tx,
    );
    return { ...row, address: captureAddress(row) };
  });
}

/**
 * The project and organisation a token captures for, or null: unknown tokens, tokens of an
 * earlier version, and rows whose token is not the HMAC of their own pair and version (a row
 * copied or edited by hand) capture nothing.
 */
export async function captureTargetOf(token: string) {
  const [row] = await db().select().from(captureAddresses).where(eq(captureAddresses.token, token));
  if (!row || !isCaptureToken(token, row)) return null;
  return { projectId: row.projectId, organizationId: row.organizationId };
}
