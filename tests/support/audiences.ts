import { eq, sql } from "drizzle-orm";
import { db } from "#db/client.server";
import { audienceOrganizations, audiences, type Audience } from "#db/schema";

/**
 * A preset audience's row id as a value for an insert (`audienceId: presetAudience("internal")`):
 * the migration creates the four presets, so rows built in a plain `map` need no lookup first.
 */
export function presetAudience(kind: Exclude<Audience, "custom">) {
  return sql<string>`(select id from audiences where kind = ${kind} and organization_key = '')`;
}

/** An audience row as the policy sees it: its kind and its organisations (sorted). */
export async function audienceOfRow(audienceId: string) {
  const [row] = await db().select().from(audiences).where(eq(audiences.id, audienceId));
  const organizations = await db()
    .select({ id: audienceOrganizations.organizationId })
    .from(audienceOrganizations)
    .where(eq(audienceOrganizations.audienceId, audienceId));
  return { kind: row!.kind, organizationIds: organizations.map((item) => item.id).sort() };
}
