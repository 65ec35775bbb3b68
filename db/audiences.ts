import { and, eq } from "drizzle-orm";
import type { Database } from "./client.server";
import { audienceOrganizations, audiences, type Audience } from "./schema";

export class AudienceShapeError extends Error {
  override name = "AudienceShapeError";
}

/** A custom audience's organisations as its key: the ids sorted and joined with commas. */
export function organizationKeyOf(organizationIds: readonly string[]) {
  return [...new Set(organizationIds)].sort().join(",");
}

/**
 * The row of `audiences` for this kind and set of organisations, created on first use. Rows are
 * values shared by every item with the same audience; a new custom row gets its organisations in
 * the caller's transaction. Only `custom` names organisations, and it must name at least one.
 */
export async function audienceIdFor(
  executor: Database,
  kind: Audience,
  organizationIds: readonly string[] = [],
): Promise<string> {
  if (kind === "custom" && organizationIds.length === 0) {
    throw new AudienceShapeError("A custom audience needs at least one organisation");
  }
  if (kind !== "custom" && organizationIds.length > 0) {
    throw new AudienceShapeError(`A ${kind} audience names no organisations`);
  }
  const organizationKey = organizationKeyOf(organizationIds);
  const [created] = await executor
    .insert(audiences)
    .values({ kind, organizationKey })
    .onConflictDoNothing({ target: [audiences.kind, audiences.organizationKey] })
    .returning({ id: audiences.id });
  if (created) {
    if (kind === "custom") {
      await executor.insert(audienceOrganizations).values(
        organizationKey.split(",").map((organizationId) => ({
          audienceId: created.id,
          organizationId,
        })),
      );
    }
    return created.id;
  }
  const [existing] = await executor
    .select({ id: audiences.id })
    .from(audiences)
    .where(and(eq(audiences.kind, kind), eq(audiences.organizationKey, organizationKey)));
  if (!existing) throw new Error(`The ${kind} audience could be neither created nor found`);
  return existing.id;
}
