import { asc, eq } from "drizzle-orm";
import { db } from "#db/client.server";
import { organizations, projects, users } from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";

/** The people, organisations and projects the explorer's filters offer: those the reader reads. */
export async function auditFilterChoices(ability: AppAbility) {
  const [people, organizationRows, projectRows] = await Promise.all([
    db()
      .select({ id: users.id, name: users.name, organization: organizations.name })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.organizationId))
      .where(accessibleWhere(ability, "read", "User"))
      .orderBy(asc(users.name), asc(users.id)),
    db()
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(accessibleWhere(ability, "read", "Organization"))
      .orderBy(asc(organizations.name)),
    db()
      .select({ id: projects.id, name: projects.name })
      .from(projects)
      .where(accessibleWhere(ability, "read", "Project"))
      .orderBy(asc(projects.name)),
  ]);
  return { people, organizations: organizationRows, projects: projectRows };
}
