import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { db } from "#db/client.server";
import { organizations, projects, users } from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { organizationsWithAccess } from "./access-hygiene.server";
import type { ReviewChoices } from "./types";

/** What a review may cover and who may review, as the reader may read them. */
export async function reviewChoices(ability: AppAbility): Promise<ReviewChoices> {
  const [projectRows, accountRows, organizationRows, reviewerRows] = await Promise.all([
    db()
      .select({ id: projects.id, name: projects.name })
      .from(projects)
      .where(accessibleWhere(ability, "read", "Project"))
      .orderBy(asc(projects.name)),
    db()
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(and(eq(organizations.kind, "customer"), accessibleWhere(ability, "read", "Account")))
      .orderBy(asc(organizations.name)),
    organizationsWithAccess(ability),
    db()
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(
        and(
          inArray(users.role, ["admin", "account_manager"]),
          isNull(users.disabledAt),
          accessibleWhere(ability, "read", "User"),
        ),
      )
      .orderBy(asc(users.name)),
  ]);
  return {
    projects: projectRows,
    accounts: accountRows,
    organizations: organizationRows.map(({ id, name, projects: count }) => ({
      id,
      name,
      projects: count,
    })),
    reviewers: reviewerRows,
  };
}
