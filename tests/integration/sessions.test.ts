import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { auditEvents, sessions, users } from "#db/schema";
import { setUserDisabled } from "~/features/identity/user.server";
import { createSession, validateSessionToken } from "~/kernel/session.server";
import { env } from "~/kernel/env.server";
import { hashToken } from "~/kernel/crypto.server";
import { setEnv } from "../support/env";

const details = { ip: "198.51.100.30", userAgent: "sessions-test", twoFactorVerified: true };

async function userId(email: string) {
  const [user] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
  return user!.id;
}

async function sessionExists(token: string) {
  const rows = await db()
    .select()
    .from(sessions)
    .where(eq(sessions.id, hashToken(token)));
  return rows.length === 1;
}

let restoreEnv: (() => void) | undefined;
afterEach(() => {
  restoreEnv?.();
  restoreEnv = undefined;
});

describe("sessions", () => {
  test("a fresh session is valid and its token is stored only as a hash", async () => {
    const { token, session } = await createSession(await userId("anna@hansen.example"), details);
    expect(session.id).toBe(hashToken(token));
    const current = await validateSessionToken(token);
    expect(current?.user.email).toBe("anna@hansen.example");
    expect(current?.organization.kind).toBe("host");
    expect(await validateSessionToken(`${token}x`)).toBeNull();
  });

  test("a session idle for longer than SESSION_IDLE_MINUTES ends", async () => {
    const idle = env().SESSION_IDLE_MINUTES;
    const { token, session } = await createSession(await userId("tom@hansen.example"), details);

    // Just inside the window: still valid, and the visit slides the window forward.
    await db()
      .update(sessions)
      .set({ lastSeenAt: sql`now() - make_interval(mins => ${idle - 1})` })
      .where(eq(sessions.id, session.id));
    const active = await validateSessionToken(token);
    expect(active).not.toBeNull();
    expect(Date.now() - active!.session.lastSeenAt.getTime()).toBeLessThan(5_000);

    await db()
      .update(sessions)
      .set({ lastSeenAt: sql`now() - make_interval(mins => ${idle + 1})` })
      .where(eq(sessions.id, session.id));
    expect(await validateSessionToken(token)).toBeNull();
    expect(await sessionExists(token)).toBe(false);
  });

  test("the idle limit follows the configured SESSION_IDLE_MINUTES", async () => {
    restoreEnv = setEnv({ SESSION_IDLE_MINUTES: "5" });
    const { token, session } = await createSession(await userId("ida@hansen.example"), details);
    await db()
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '6 minutes'` })
      .where(eq(sessions.id, session.id));
    expect(await validateSessionToken(token)).toBeNull();
  });

  test("an active session still ends at its absolute expiry", async () => {
    const hours = env().SESSION_ABSOLUTE_HOURS;
    const { token, session } = await createSession(await userId("clara@hansen.example"), details);
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(hours * 3_600_000);

    await db()
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 second'`, lastSeenAt: sql`now()` })
      .where(eq(sessions.id, session.id));
    expect(await validateSessionToken(token)).toBeNull();
    expect(await sessionExists(token)).toBe(false);
  });

  test("disabling a user ends all of their sessions at once, and only theirs", async () => {
    const lena = await userId("lena@studio-lumen.example");
    const laptop = await createSession(lena, details);
    const phone = await createSession(lena, { ...details, userAgent: "phone" });
    const bystander = await createSession(await userId("jonas@holzwerk-meyer.example"), details);
    const admin = await userId("ida@hansen.example");

    await setUserDisabled(lena, true, { userId: admin, ip: "198.51.100.1" });

    expect(await validateSessionToken(laptop.token)).toBeNull();
    expect(await validateSessionToken(phone.token)).toBeNull();
    expect(await db().select().from(sessions).where(eq(sessions.userId, lena))).toHaveLength(0);
    expect(await validateSessionToken(bystander.token)).not.toBeNull();

    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "user.disabled"));
    expect(event).toMatchObject({
      actorUserId: admin,
      subjectType: "User",
      subjectId: lena,
      details: { endedSessions: 2 },
    });

    // A session created behind the service's back is still refused while disabled.
    const sneaky = await createSession(lena, details);
    expect(await validateSessionToken(sneaky.token)).toBeNull();

    await setUserDisabled(lena, false, { userId: admin });
    const fresh = await createSession(lena, details);
    expect(await validateSessionToken(fresh.token)).not.toBeNull();
  });
});
