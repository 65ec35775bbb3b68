import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "#db/client.server";
import { hostSettings, requestPriorities, requestTypes } from "#db/schema";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { dueDatesVersion, queueDueRefresh } from "./request-due-refresh.server";
import {
  calendarSchema,
  MAX_REOPEN_WINDOW_DAYS,
  requestSettings,
  targetSchema,
  type RequestSettings,
} from "./request-settings.server";
import type { SlaTargets } from "./sla-clock.server";

/** Settings as they may be stored: what the form checks, checked again before it is written. */
const savedSchema = z
  .object({
    calendar: calendarSchema.extend({
      workingDays: z.array(z.number().int().min(1).max(7)).min(1),
      closingDays: z.array(z.iso.date()),
    }),
    targets: z.object(
      Object.fromEntries(
        requestTypes.map((type) => [
          type,
          z.object(
            Object.fromEntries(requestPriorities.map((priority) => [priority, targetSchema])),
          ),
        ]),
      ),
    ),
    reopenWindowDays: z.number().int().min(0).max(MAX_REOPEN_WINDOW_DAYS),
  })
  .superRefine((settings, ctx) => {
    if (settings.calendar.dayEnd <= settings.calendar.dayStart) {
      ctx.addIssue({ code: "custom", path: ["calendar", "dayEnd"], message: "ends before start" });
    }
    for (const type of requestTypes) {
      for (const priority of requestPriorities) {
        const target = (settings.targets as SlaTargets)[type][priority];
        if (target.resolutionMinutes < target.firstResponseMinutes) {
          ctx.addIssue({
            code: "custom",
            path: ["targets", type, priority],
            message: "resolution before first response",
          });
        }
      }
    }
  });

/** The settings in a canonical form: days sorted and each once. */
function normalized(settings: RequestSettings): RequestSettings {
  const checked = savedSchema.parse(settings);
  return {
    calendar: {
      ...checked.calendar,
      workingDays: [...new Set(checked.calendar.workingDays)].sort((a, b) => a - b),
      closingDays: [...new Set(checked.calendar.closingDays)].sort(),
    },
    targets: Object.fromEntries(
      requestTypes.map((type) => [
        type,
        Object.fromEntries(
          requestPriorities.map((priority) => {
            const { firstResponseMinutes, resolutionMinutes } = (checked.targets as SlaTargets)[
              type
            ][priority];
            return [priority, { firstResponseMinutes, resolutionMinutes }];
          }),
        ),
      ]),
    ) as SlaTargets,
    reopenWindowDays: checked.reopenWindowDays,
  };
}

/** Each setting under a dotted name (`targets.complaint.high.resolutionMinutes`). */
function flatSettings(settings: RequestSettings): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings.calendar)) flat[`calendar.${key}`] = value;
  for (const type of requestTypes) {
    for (const priority of requestPriorities) {
      for (const [key, value] of Object.entries(settings.targets[type][priority])) {
        flat[`targets.${type}.${priority}.${key}`] = value;
      }
    }
  }
  flat.reopenWindowDays = settings.reopenWindowDays;
  return flat;
}

/** What differs between two settings, as `{ from, to }` of the changed names only. */
function differences(before: RequestSettings, after: RequestSettings) {
  const old = flatSettings(before);
  const now = flatSettings(after);
  const from: Record<string, unknown> = {};
  const to: Record<string, unknown> = {};
  for (const key of Object.keys(now)) {
    if (JSON.stringify(old[key]) === JSON.stringify(now[key])) continue;
    from[key] = old[key];
    to[key] = now[key];
  }
  return { from, to, changed: Object.keys(to) };
}

/**
 * Saves the host's request settings (business calendar, targets, reopening window) in one
 * transaction, audited as `settings.requests_changed` with each changed setting from → to.
 * Saving what is stored already changes and logs nothing. A change the due dates depend on
 * queues a pass that derives those of every open request again (`refreshQueued`), or runs it
 * here where no queue runs. Returns the changed setting names.
 */
export async function saveRequestSettings(
  settings: RequestSettings,
  actor: AuditActor,
  options: { now?: Date; batchSize?: number } = {},
): Promise<{ changed: string[]; refreshQueued: boolean }> {
  const next = normalized(settings);
  const { changed, version } = await db().transaction(async (tx) => {
    await tx
      .select({ id: hostSettings.id })
      .from(hostSettings)
      .where(eq(hostSettings.id, true))
      .for("update");
    const diff = differences(await requestSettings(tx), next);
    if (diff.changed.length === 0) return { changed: [], version: "" };
    const values = {
      businessCalendar: next.calendar,
      slaTargets: next.targets,
      reopenWindowDays: next.reopenWindowDays,
    };
    await tx
      .insert(hostSettings)
      .values(values)
      .onConflictDoUpdate({ target: hostSettings.id, set: { ...values, updatedAt: sql`now()` } });
    await recordAudit(
      actor,
      {
        action: "settings.requests_changed",
        subjectType: "HostSettings",
        details: { from: diff.from, to: diff.to },
      },
      tx,
    );
    // Read back as the refresh reads them, so its version matches theirs exactly.
    return { changed: diff.changed, version: dueDatesVersion(await requestSettings(tx)) };
  });
  const clockChanged = changed.some((name) => name !== "reopenWindowDays");
  const refreshQueued = clockChanged ? await queueDueRefresh(version, options) : false;
  return { changed, refreshQueued };
}
