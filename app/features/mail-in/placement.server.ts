import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import { db } from "#db/client.server";
import {
  contacts,
  memberships,
  organizations,
  projects,
  users,
  type EntryDirection,
  type UnresolvedReason,
} from "#db/schema";
import { captureTargetOf, tokenOfCaptureAddress } from "~/features/capture/index.server";
import { env } from "~/kernel/env.server";

/** Where a captured mail goes: into a project's history by someone, or into the queue. */
export type Placement =
  | {
      kind: "land";
      projectId: string;
      organizationId: string;
      organizationKind: "host" | "partner" | "customer";
      /** Whose entry it becomes: the sending user, or (for a sender who is no user) the project's owner. */
      authorId: string;
      direction: EntryDirection;
    }
  | { kind: "unresolved"; reason: UnresolvedReason; projectId?: string; organizationId?: string };

const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1).toLowerCase();

/** `d` is `domain` or one of its parents (DKIM's relaxed alignment). */
const aligned = (domain: string, d: string) => domain === d || domain.endsWith(`.${d}`);

/**
 * Did the receiving mail server find the From domain authentic? Only its own
 * Authentication-Results header counts: the one naming `INBOUND_AUTHSERV_ID` when that is set,
 * else the topmost (a receiving server writes its header above whatever the sender wrote). DMARC
 * pass for exactly that From domain, or a DKIM signature that passed for the From domain or a
 * parent of it.
 */
export function senderVerified(
  headerLines: readonly { key: string; line: string }[],
  from: string,
) {
  const config = env();
  if (config.INBOUND_SENDER_CHECK === "off") return true;
  const verdicts = headerLines
    .filter((header) => header.key.toLowerCase() === "authentication-results")
    .map((header) =>
      header.line
        .slice(header.line.indexOf(":") + 1)
        .replace(/\s+/g, " ")
        .trim(),
    );
  const authserv = config.INBOUND_AUTHSERV_ID?.toLowerCase();
  const value = authserv
    ? verdicts.find(
        (verdict) => verdict.split(";")[0]!.trim().split(" ")[0]!.toLowerCase() === authserv,
      )
    : verdicts[0];
  if (!value) return false;
  const domain = domainOf(from);
  const results = value.split(";").map((part) => part.trim().toLowerCase());
  return results.some((result) => {
    if (/^dmarc=pass\b/.test(result)) {
      return /header\.from=([^\s;]+)/.exec(result)?.[1] === domain;
    }
    const d = /header\.d=([^\s;]+)/.exec(result)?.[1];
    return /^dkim=pass\b/.test(result) && d !== undefined && aligned(domain, d);
  });
}

async function liveContributingMembership(projectId: string, organizationId: string, now: Date) {
  const [row] = await db()
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.projectId, projectId),
        eq(memberships.organizationId, organizationId),
        isNull(memberships.revokedAt),
        or(isNull(memberships.expiresAt), gt(memberships.expiresAt, now)),
        eq(memberships.access, "contribute"),
        sql`'history' = any(${memberships.sections})`,
      ),
    );
  return row !== undefined;
}

async function activeUserByEmail(address: string) {
  const [row] = await db()
    .select({ id: users.id, organizationId: users.organizationId })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${address}`, isNull(users.disabledAt)));
  return row;
}

/**
 * Decides where a mail sent or forwarded to a capture address lands (issue 14, part 4). It
 * lands only when one of its recipients is a current capture address, the capturing
 * organisation's membership is live with contribute and the history, the From domain passed
 * the receiving server's checks, and the sender belongs to that organisation (one of its users,
 * or one of its verified mail domains) — or, for the host's address, is one of the host's users
 * or a contact person of the project's account. Anything else waits in the queue, with why.
 */
export async function placeCapturedMail(
  mail: {
    from: string;
    recipients: string[];
    headerLines: readonly { key: string; line: string }[];
  },
  now = new Date(),
): Promise<Placement> {
  const tokens = mail.recipients.flatMap((address) => tokenOfCaptureAddress(address) ?? []);
  let target: { projectId: string; organizationId: string } | null = null;
  for (const token of tokens) {
    target = await captureTargetOf(token);
    if (target) break;
  }
  if (!target) return { kind: "unresolved", reason: "unknownAddress" };
  const { projectId, organizationId } = target;
  const [context] = await db()
    .select({
      kind: organizations.kind,
      mailDomains: organizations.mailDomains,
      accountId: projects.accountId,
      ownerId: projects.ownerId,
    })
    .from(organizations)
    .innerJoin(projects, eq(projects.id, projectId))
    .where(eq(organizations.id, organizationId));
  if (!context) return { kind: "unresolved", reason: "unknownAddress" };
  const unresolved = (reason: UnresolvedReason): Placement => ({
    kind: "unresolved",
    reason,
    projectId,
    organizationId,
  });

  if (
    context.kind !== "host" &&
    !(await liveContributingMembership(projectId, organizationId, now))
  ) {
    return unresolved("membershipInactive");
  }
  const from = mail.from.trim().toLowerCase();
  if (!senderVerified(mail.headerLines, from)) return unresolved("senderUnverified");

  const sender = await activeUserByEmail(from);
  const land = (authorId: string, direction: EntryDirection): Placement => ({
    kind: "land",
    projectId,
    organizationId,
    organizationKind: context.kind,
    authorId,
    direction,
  });
  if (sender?.organizationId === organizationId) return land(sender.id, "outbound");
  if (context.kind === "host") {
    const [contact] = await db()
      .select({ id: contacts.id })
      .from(contacts)
      .where(
        and(eq(contacts.accountId, context.accountId), sql`lower(${contacts.email}) = ${from}`),
      );
    return contact ? land(context.ownerId, "inbound") : unresolved("senderNotAllowed");
  }
  // A user of another organisation never speaks for this one, whatever their domain.
  if (!sender && context.mailDomains.includes(domainOf(from))) {
    return land(context.ownerId, "outbound");
  }
  return unresolved("senderNotAllowed");
}
