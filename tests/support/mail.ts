import { desc, eq } from "drizzle-orm";
import { db } from "#db/client.server";
import { mailMessages } from "#db/schema";

/** The newest message the app sent (or kept in its outbox) to `to`. */
export async function newestMailTo(to: string) {
  const [mail] = await db()
    .select()
    .from(mailMessages)
    .where(eq(mailMessages.to, to))
    .orderBy(desc(mailMessages.createdAt))
    .limit(1);
  if (!mail) throw new Error(`no mail to ${to}`);
  return mail;
}
