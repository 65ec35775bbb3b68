import { eq } from "drizzle-orm";
import { z } from "zod";
import { db, type Database } from "#db/client.server";
import { hostSettings, requestPriorities, requestTypes } from "#db/schema";
import {
  defaultBusinessCalendar,
  germanStates,
  type BusinessCalendar,
  type GermanState,
} from "./business-time.server";
import { defaultSlaTargets, type SlaTargets } from "./sla-clock.server";

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const calendarSchema = z.object({
  timeZone: z.string().min(1),
  workingDays: z.array(z.number().int().min(1).max(7)),
  dayStart: clockTime,
  dayEnd: clockTime,
  federalState: z.enum(germanStates),
  closingDays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
});

export const targetSchema = z.object({
  firstResponseMinutes: z.number().int().positive(),
  resolutionMinutes: z.number().int().positive(),
});

export type RequestSettings = {
  calendar: BusinessCalendar;
  targets: SlaTargets;
  reopenWindowDays: number;
};

/** The longest reopening window an administrator can set, in days (as the table's check). */
export const MAX_REOPEN_WINDOW_DAYS = 365;

/**
 * The federal states by their official German names, in both languages: they are proper names,
 * and the holidays are theirs (the catalogues would hold the same word twice for most of them).
 */
export const germanStateNames: Record<GermanState, string> = {
  BW: "Baden-Württemberg",
  BY: "Bayern",
  BE: "Berlin",
  BB: "Brandenburg",
  HB: "Bremen",
  HH: "Hamburg",
  HE: "Hessen",
  MV: "Mecklenburg-Vorpommern",
  NI: "Niedersachsen",
  NW: "Nordrhein-Westfalen",
  RP: "Rheinland-Pfalz",
  SL: "Saarland",
  SN: "Sachsen",
  ST: "Sachsen-Anhalt",
  SH: "Schleswig-Holstein",
  TH: "Thüringen",
};

/** Stored targets over the defaults, so a type or priority nobody set keeps its default. */
function targetsFrom(stored: unknown): SlaTargets {
  const targets = structuredClone(defaultSlaTargets);
  const given = z.record(z.string(), z.record(z.string(), targetSchema)).safeParse(stored);
  if (!given.success) return targets;
  for (const type of requestTypes) {
    for (const priority of requestPriorities) {
      const target = given.data[type]?.[priority];
      if (target) targets[type][priority] = target;
    }
  }
  return targets;
}

/** The host's SLA settings: business hours, targets and the reopening window. */
export async function requestSettings(executor: Database = db()): Promise<RequestSettings> {
  const [row] = await executor
    .select({
      businessCalendar: hostSettings.businessCalendar,
      slaTargets: hostSettings.slaTargets,
      reopenWindowDays: hostSettings.reopenWindowDays,
    })
    .from(hostSettings)
    .where(eq(hostSettings.id, true));
  const calendar = calendarSchema.safeParse(row?.businessCalendar);
  return {
    calendar: calendar.success ? calendar.data : defaultBusinessCalendar,
    targets: targetsFrom(row?.slaTargets),
    reopenWindowDays: row?.reopenWindowDays ?? 14,
  };
}
