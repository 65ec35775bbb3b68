import { sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { audienceOrganizations, organizations } from "#db/schema";

/*
 * An item's audience organisations as columns of the query that reads the item (entries and
 * documents alike, by their `audience_id`): no second statement per item or page.
 */

/** The organisations of a custom audience (empty for the presets), for the policy in memory. */
export function audienceOrganizationIdsColumn(audienceId: AnyPgColumn) {
  return sql<string[]>`coalesce((
    select array_agg(${audienceOrganizations.organizationId}::text)
    from ${audienceOrganizations}
    where ${audienceOrganizations.audienceId} = ${audienceId}
  ), '{}')`;
}

/** The same organisations by name, sorted, for the audience badge. */
export function audienceNamesColumn(audienceId: AnyPgColumn) {
  return sql<string[]>`coalesce((
    select array_agg(${organizations.name} order by ${organizations.name})
    from ${audienceOrganizations}
    inner join ${organizations} on ${organizations.id} = ${audienceOrganizations.organizationId}
    where ${audienceOrganizations.audienceId} = ${audienceId}
  ), '{}')`;
}
