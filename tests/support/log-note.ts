import { eq } from "drizzle-orm";
import { audienceIdFor } from "#db/audiences";
import { db } from "#db/client.server";
import { entries, users } from "#db/schema";

/** A note logged now by the user with `authorId`, shared with `audience` (and `custom` orgs). */
export async function logNote(input: {
  authorId: string;
  projectId: string;
  subject: string;
  audience: "internal" | "all_members" | "custom";
  customOrganizationIds?: string[];
}) {
  const [author] = await db().select().from(users).where(eq(users.id, input.authorId));
  const [row] = await db()
    .insert(entries)
    .values({
      projectId: input.projectId,
      channel: "note",
      direction: "internal",
      occurredAt: new Date(),
      subject: input.subject,
      authorId: author!.id,
      authorOrganizationId: author!.organizationId,
      audienceId: await audienceIdFor(db(), input.audience, input.customOrganizationIds ?? []),
    })
    .returning();
  return row!;
}
