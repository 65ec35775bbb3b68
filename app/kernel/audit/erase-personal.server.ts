import { or, sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "#db/client.server";
import { auditEvents } from "#db/schema";

export type AuditErasureTarget = {
  /** Events these users did. */
  actorUserIds?: string[];
  /** Events about these items (users, contacts, invitations …), by id. */
  subjectIds?: string[];
  /** Text whose mention in an event's personal part erases it: an address, a name. */
  mentions?: string[];
};

export type AuditErasure = {
  /** Events whose personal part, address and browser were erased now. */
  events: number;
  /**
   * Matching events written before personal parts existed (ADR 26): their hash covers address,
   * browser and details, so they cannot be erased without breaking the chain.
   */
  unerasable: number;
};

/**
 * Erases the personal part, IP address and user agent of every audit event done by, about, or
 * mentioning a person, inside the caller's transaction. The chain hashes only the digest of
 * those, so it verifies as before; the database's trigger allows no other change (ADR 26).
 * Mentions are matched case-insensitively as whole addresses or words (`wholeMention`) by a
 * scan of the log: erasure is rare, and an index would have to hold the very text it erases.
 */
export async function eraseAuditPersonalData(
  executor: Database,
  target: AuditErasureTarget,
): Promise<AuditErasure> {
  const actors = unique(target.actorUserIds);
  const subjects = unique(target.subjectIds);
  // A blank mention would match every event.
  const mentions = unique(target.mentions?.map((text) => text.trim()));
  if (!actors.length && !subjects.length && !mentions.length) return { events: 0, unerasable: 0 };

  const byPerson = [
    actors.length
      ? sql`${auditEvents.actorUserId} in (select value::uuid from ${elements(actors)})`
      : undefined,
    subjects.length
      ? sql`${auditEvents.subjectId} in (select value from ${elements(subjects)})`
      : undefined,
  ];
  const mentioned = (column: SQL) =>
    mentions.map((text) => sql`${column} ~* ${wholeMention(text)}`);

  const erasable = or(...byPerson, ...mentioned(sql`${auditEvents.personal}::text`))!;
  const [erased] = await queryRows<{ n: number | string }>(
    executor,
    sql`with erased as (
          update ${auditEvents} set ip = null, user_agent = null, personal = null
          where ${auditEvents.personalDigest} is not null and ${auditEvents.personal} is not null
            and (${erasable})
          returning 1)
        select count(*) as n from erased`,
  );

  // Older rows keep everything in the hash: count them, for an honest certificate.
  const older = or(
    ...byPerson,
    ...mentioned(sql`${auditEvents.details}::text`),
    ...mentioned(sql`coalesce(${auditEvents.ip}, '')`),
  )!;
  const [kept] = await queryRows<{ n: number | string }>(
    executor,
    sql`select count(*) as n from ${auditEvents}
        where ${auditEvents.personalDigest} is null and (${older})`,
  );
  return { events: Number(erased!.n), unerasable: Number(kept!.n) };
}

/**
 * A mention as a whole address or whole words, whatever the case: erasing "an@x.de" leaves
 * "johan@x.de" alone, and "Anna Berg" leaves "Johanna Bergmann" alone (their events' network
 * details are theirs).
 */
export function wholeMention(text: string) {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
  return `(^|[^[:alnum:]._%+-])${escaped}($|[^[:alnum:]_-])`;
}

const unique = (values: (string | null | undefined)[] | undefined) => [
  ...new Set((values ?? []).filter((value): value is string => Boolean(value))),
];

/** A list as one JSON parameter, which both drivers pass alike, unnested into rows of `value`. */
const elements = (values: string[]) =>
  sql`jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)`;
