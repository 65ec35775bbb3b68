import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { createElement } from "react";
import { db, type Database } from "#db/client.server";
import { invitations, organizations, users, type UserRole } from "#db/schema";
import { InvitationEmail, invitationSubject } from "#emails/invitation";
import type { AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { formatLocaleOf, translatorFor, type Language } from "~/i18n";
import { rolesForKind } from "~/features/accounts/index.server";
import { findUserByEmail, normaliseEmail } from "~/features/identity/user.server";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { sendMail } from "~/kernel/mail/mail.server";
import type { Organization, User } from "~/kernel/session.server";
import { generateToken, hashToken } from "~/kernel/crypto.server";
import { env } from "~/kernel/env.server";
import { hashPassword } from "~/kernel/password.server";
import { HOST_TIME_ZONE } from "~/kernel/time-zone";

export const INVITATION_DAYS = 7;
const DAY = 86_400_000;

export type Invitation = typeof invitations.$inferSelect;

/** The admin who sends (or resends) an invitation, as the email names them. */
export type Inviter = { user: Pick<User, "id" | "name">; organization: Pick<Organization, "name"> };

const expiryFromNow = () => new Date(Date.now() + INVITATION_DAYS * DAY);

const isPending = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));

function invitationUrl(token: string) {
  return `${env().APP_URL}/invitations/${token}`;
}

/** The invitation email, in the language the inviter chose for the invitee. */
async function mailInvitation(options: {
  token: string;
  invitation: Pick<Invitation, "email" | "name" | "role" | "expiresAt" | "locale">;
  organizationName: string;
  inviter: Inviter;
}) {
  const { invitation, inviter } = options;
  const t = translatorFor(invitation.locale);
  // The invitee has no time zone with us yet: the host's, named ("… um 14:10 MEZ").
  const locale = formatLocaleOf(invitation.locale);
  const zone = new Intl.DateTimeFormat(locale, { timeZone: HOST_TIME_ZONE, timeZoneName: "short" })
    .formatToParts(invitation.expiresAt)
    .find((part) => part.type === "timeZoneName")?.value;
  const expires = `${new Intl.DateTimeFormat(locale, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: HOST_TIME_ZONE,
  }).format(invitation.expiresAt)}${zone ? ` ${zone}` : ""}`;
  const details = {
    name: invitation.name,
    email: invitation.email,
    inviterName: inviter.user.name,
    inviterOrganization: inviter.organization.name,
    organizationName: options.organizationName,
    role: t(`roles.${invitation.role}`),
    acceptUrl: invitationUrl(options.token),
    expires,
  };
  return sendMail({
    template: "invitation",
    to: invitation.email,
    subject: invitationSubject(t, details),
    body: createElement(InvitationEmail, { t, language: invitation.locale, ...details }),
  });
}

export type InviteInput = {
  email: string;
  name: string;
  role: UserRole;
  /** The language of the invitation email, chosen by the inviter. */
  locale: Language;
  organization: Pick<Organization, "id" | "name" | "kind">;
};

export type InviteResult =
  | { kind: "ok"; invitation: Invitation; mailFailed: boolean }
  | { kind: "role_mismatch"; allowed: UserRole[] }
  | { kind: "email_taken"; email: string }
  | { kind: "already_invited"; email: string };

/**
 * Invites one person into an organisation with a role that fits it. The link's token is mailed
 * and only its SHA-256 is stored; it works once, for seven days. An address that belongs to a
 * user already, ignoring case, is refused, and so is a second open invitation for it (an
 * expired one is resent instead).
 */
export async function inviteUser(
  input: InviteInput,
  inviter: Inviter,
  actor: AuditActor,
): Promise<InviteResult> {
  const allowed = rolesForKind(input.organization.kind);
  if (!allowed.includes(input.role)) return { kind: "role_mismatch", allowed };
  const email = normaliseEmail(input.email);
  const name = input.name.trim();
  const token = generateToken();

  const result = await db().transaction(async (tx): Promise<InviteResult> => {
    // One invitation at a time per address, so two admins cannot invite the same person twice.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`ambit.invite:${email}`}))`);
    if (await findUserByEmail(email, tx)) return { kind: "email_taken", email };
    const [open] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(sql`lower(${invitations.email})`, email), isPending))
      .limit(1);
    if (open) return { kind: "already_invited", email };
    const [invitation] = await tx
      .insert(invitations)
      .values({
        tokenHash: hashToken(token),
        email,
        name,
        organizationId: input.organization.id,
        role: input.role,
        locale: input.locale,
        invitedById: inviter.user.id,
        expiresAt: expiryFromNow(),
      })
      .returning();
    await recordAudit(
      actor,
      {
        action: "user.invited",
        subjectType: "Invitation",
        subjectId: invitation!.id,
        details: { role: input.role, organizationId: input.organization.id },
        personal: { email },
      },
      tx,
    );
    return { kind: "ok", invitation: invitation!, mailFailed: false };
  });
  if (result.kind !== "ok") return result;

  const mail = await mailInvitation({
    token,
    invitation: result.invitation,
    organizationName: input.organization.name,
    inviter,
  });
  return { ...result, mailFailed: mail.status === "failed" };
}

export type PendingChangeResult =
  | { kind: "ok"; invitation: Invitation; mailFailed: boolean }
  | { kind: "not_pending" }
  | { kind: "email_taken"; email: string };

/** A pending invitation the ability may change (resend, revoke), locked for the transaction. */
function lockPending(tx: Database, ability: AppAbility, id: string) {
  return tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, id), isPending, accessibleWhere(ability, "update", "Invitation")))
    .for("update");
}

/**
 * A fresh link for a pending (or expired) invitation: a new token and seven more days. The old
 * link stops working at once, because its hash is no longer stored anywhere.
 */
export async function resendInvitation(
  ability: AppAbility,
  id: string,
  inviter: Inviter,
  actor: AuditActor,
): Promise<PendingChangeResult> {
  const token = generateToken();
  const result = await db().transaction(async (tx): Promise<PendingChangeResult> => {
    const [current] = await lockPending(tx, ability, id);
    if (!current) return { kind: "not_pending" };
    if (await findUserByEmail(current.email, tx)) {
      return { kind: "email_taken", email: current.email };
    }
    const [invitation] = await tx
      .update(invitations)
      .set({
        tokenHash: hashToken(token),
        expiresAt: expiryFromNow(),
        invitedById: inviter.user.id,
      })
      .where(eq(invitations.id, id))
      .returning();
    await recordAudit(
      actor,
      {
        action: "invitation.resent",
        subjectType: "Invitation",
        subjectId: id,
        details: { previousExpiresAt: current.expiresAt.toISOString() },
        personal: { email: current.email },
      },
      tx,
    );
    return { kind: "ok", invitation: invitation!, mailFailed: false };
  });
  if (result.kind !== "ok") return result;
  const [organization] = await db()
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, result.invitation.organizationId));
  const mail = await mailInvitation({
    token,
    invitation: result.invitation,
    organizationName: organization?.name ?? "",
    inviter,
  });
  return { ...result, mailFailed: mail.status === "failed" };
}

/** Withdraws a pending invitation; its link stops working. */
export async function revokeInvitation(
  ability: AppAbility,
  id: string,
  actor: AuditActor,
): Promise<{ kind: "ok"; invitation: Invitation } | { kind: "not_pending" }> {
  return db().transaction(async (tx) => {
    const [current] = await lockPending(tx, ability, id);
    if (!current) return { kind: "not_pending" as const };
    const [invitation] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(eq(invitations.id, id))
      .returning();
    await recordAudit(
      actor,
      {
        action: "invitation.revoked",
        subjectType: "Invitation",
        subjectId: id,
        personal: { email: current.email },
      },
      tx,
    );
    return { kind: "ok" as const, invitation: invitation! };
  });
}

/**
 * Invitations not yet accepted or revoked (expired ones too, so they can be resent) that the
 * ability may read, with their organisation and inviter.
 */
export async function listOpenInvitations(
  ability: AppAbility,
  options: { organizationId?: string; limit?: number } = {},
) {
  const inviter = alias(users, "inviter");
  return db()
    .select({
      id: invitations.id,
      email: invitations.email,
      name: invitations.name,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
      organizationId: organizations.id,
      organizationName: organizations.name,
      organizationKind: organizations.kind,
      inviterName: inviter.name,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .leftJoin(inviter, eq(inviter.id, invitations.invitedById))
    .where(
      and(
        isPending,
        accessibleWhere(ability, "read", "Invitation"),
        options.organizationId ? eq(invitations.organizationId, options.organizationId) : undefined,
      ),
    )
    .orderBy(desc(invitations.createdAt), asc(invitations.id))
    .limit(options.limit ?? 200);
}

export type InvitationLookup =
  | {
      state: "usable";
      invitation: Invitation;
      organization: Pick<Organization, "name" | "kind">;
      inviterName: string | null;
    }
  | { state: "expired" | "revoked"; inviterName: string | null }
  | { state: "accepted" }
  | { state: "unknown" };

/**
 * What the holder of a link may learn about it. An unknown token reveals nothing; a known one
 * was mailed to its holder, who may see whom it invites and who sent it.
 */
export async function lookUpInvitation(token: string): Promise<InvitationLookup> {
  if (!token || token.length > 200) return { state: "unknown" };
  const inviter = alias(users, "inviter");
  const [row] = await db()
    .select({
      invitation: invitations,
      organizationName: organizations.name,
      organizationKind: organizations.kind,
      inviterName: inviter.name,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .leftJoin(inviter, eq(inviter.id, invitations.invitedById))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!row) return { state: "unknown" };
  const { invitation, inviterName } = row;
  if (invitation.acceptedAt) return { state: "accepted" };
  if (invitation.revokedAt) return { state: "revoked", inviterName };
  if (invitation.expiresAt.getTime() <= Date.now()) return { state: "expired", inviterName };
  return {
    state: "usable",
    invitation,
    organization: { name: row.organizationName, kind: row.organizationKind },
    inviterName,
  };
}

export type AcceptResult =
  { kind: "ok"; user: User; invitation: Invitation } | { kind: "gone" } | { kind: "email_taken" };

/**
 * Uses the invitation up and creates its user with an Argon2id password, in one transaction.
 * A second use, an expired or revoked link, or an address that became a user since all fail.
 */
export async function acceptInvitation(
  token: string,
  input: { name: string; password: string },
  actor: AuditActor,
): Promise<AcceptResult> {
  const passwordHash = await hashPassword(input.password);
  return db().transaction(async (tx): Promise<AcceptResult> => {
    const now = new Date();
    const [invitation] = await tx
      .select()
      .from(invitations)
      .where(
        and(eq(invitations.tokenHash, hashToken(token)), isPending, gt(invitations.expiresAt, now)),
      )
      .for("update");
    if (!invitation) return { kind: "gone" };
    if (await findUserByEmail(invitation.email, tx)) return { kind: "email_taken" };
    const [user] = await tx
      .insert(users)
      .values({
        organizationId: invitation.organizationId,
        role: invitation.role,
        name: input.name.trim(),
        email: invitation.email,
        passwordHash,
        passwordChangedAt: now,
        twoFactorExempt: false,
      })
      .returning();
    const [accepted] = await tx
      .update(invitations)
      .set({ acceptedAt: now, userId: user!.id })
      .where(eq(invitations.id, invitation.id))
      .returning();
    await recordAudit(
      { ...actor, userId: user!.id, organizationId: user!.organizationId },
      {
        action: "invitation.accepted",
        subjectType: "Invitation",
        subjectId: invitation.id,
        details: { userId: user!.id, role: user!.role },
        personal: { email: user!.email },
      },
      tx,
    );
    return { kind: "ok", user: user!, invitation: accepted! };
  });
}
