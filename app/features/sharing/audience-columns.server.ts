import { sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { audienceOrganizations, organizations } from "#db/schema";

/*
 * An item's audience organisations as columns of the query that reads the item (entries and
 * documents alike, by their `audience_id`): no second statement per item or page. JSON, which
 * every driver parses, rather than arrays, which some leave as text.
 */

/** The organisations of a custom audience (empty for the presets), for the policy in memory. */
export function audienceOrganizationIdsColumn(audienceId: AnyPgColumn) {
  return sql<string[]>`coalesce((
    select json_agg(${audienceOrganizations.organizationId})
    from ${audienceOrganizations}
    where ${audienceOrganizations.audienceId} = ${audienceId}
  ), '[]'::json)`;
}

/** The same organisations by name, sorted, for the audience badge. */
export function audienceNamesColumn(audienceId: AnyPgColumn) {
  return sql<string[]>`coalesce((
    select json_agg(${organizations.name} order by ${organizations.name})
    from ${audienceOrganizations}
    inner join ${organizations} on ${organizations.id} = ${audienceOrganizations.organizationId}
    where ${audienceOrganizations.audienceId} = ${audienceId}
  ), '[]'::json)`;
}
