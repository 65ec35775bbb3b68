import { desc, eq, gte, sql } from "drizzle-orm";
import { db, queryRows } from "#db/client.server";
import { auditChainHead, auditEvents } from "#db/schema";
import { actionsOfGroup } from "~/kernel/audit/actions";
import { calendarDayIn, startOfDayIn } from "~/kernel/time-zone";

/** Monday of the week `now` falls in, as a day `YYYY-MM-DD` where the reader is. */
function mondayOf(now: Date, timeZone: string) {
  const today = calendarDayIn(now, timeZone);
  const weekday = new Date(`${today}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  const back = (weekday + 6) % 7;
  return calendarDayIn(new Date(Date.parse(`${today}T12:00:00Z`) - back * 86_400_000), "UTC");
}

const inGroup = (group: Parameters<typeof actionsOfGroup>[0]) =>
  sql`${auditEvents.action} in (${sql.join(
    actionsOfGroup(group).map((action) => sql`${action}`),
    sql`, `,
  )})`;

/**
 * What the console opens with: this week's reads, changes, failed sign-ins and access changes
 * (one pass over the week's part of the log, found through its time index), the size of the
 * log, and its last verification.
 */
export async function consoleSummary(timeZone: string, now = new Date()) {
  const weekStartDay = mondayOf(now, timeZone);
  const weekStart = startOfDayIn(weekStartDay, timeZone)!;
  const [[week], [head], [verified]] = await Promise.all([
    queryRows<{ reads: number; writes: number; failed: number; permissions: number }>(
      db(),
      sql`select
            count(*) filter (where ${inGroup("read")})::int as reads,
            count(*) filter (where ${inGroup("write")})::int as writes,
            count(*) filter (where ${auditEvents.action} = 'auth.login_failed')::int as failed,
            count(*) filter (where ${inGroup("permission")})::int as permissions
          from ${auditEvents}
          where ${auditEvents.seq} >= (
              select coalesce(min(seq), 9223372036854775807) from ${auditEvents}
              where ${gte(auditEvents.occurredAt, weekStart)})
            and ${gte(auditEvents.occurredAt, weekStart)}`,
    ),
    db().select({ seq: auditChainHead.seq }).from(auditChainHead).where(eq(auditChainHead.id, 1)),
    db()
      .select({ occurredAt: auditEvents.occurredAt, details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.action, "audit.verified"))
      .orderBy(desc(auditEvents.seq))
      .limit(1),
  ]);
  const verdict = verified?.details as
    { ok?: boolean; checked?: number; firstBadSeq?: number } | undefined;
  return {
    weekStartDay,
    reads: week?.reads ?? 0,
    writes: week?.writes ?? 0,
    failedSignIns: week?.failed ?? 0,
    permissionChanges: week?.permissions ?? 0,
    events: head?.seq ?? 0,
    lastVerification: verified
      ? {
          at: verified.occurredAt.toISOString(),
          ok: verdict?.ok === true,
          checked: verdict?.checked ?? 0,
          firstBadSeq: verdict?.firstBadSeq ?? null,
        }
      : null,
  };
}
