import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, queryRows } from "#db/client.server";
import { auditChainHead, auditEvents } from "#db/schema";
import type { AuditAction } from "~/kernel/audit/actions";
import {
  hashAuditEvent,
  personalDigest,
  recordAudit,
  verifyAuditChain,
} from "~/kernel/audit/audit.server";
import { eraseAuditPersonalData } from "~/kernel/audit/erase-personal.server";
import { databaseError } from "../support/database";

const actor = { ip: "192.0.2.1", userAgent: "audit-test" };

async function allEvents() {
  return db().select().from(auditEvents).orderBy(asc(auditEvents.seq));
}

// Stands in for someone with direct database access who switches the guard off first.
async function withAppendOnlyGuardOff(change: () => Promise<unknown>) {
  await db().execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
  try {
    await change();
  } finally {
    await db().execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
  }
}

describe("audit log", () => {
  test("appends events with gapless sequence numbers and chained hashes", async () => {
    const seqs: number[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      seqs.push(
        await recordAudit(actor, {
          action: "test.event" as AuditAction,
          subjectType: "Thing",
          subjectId: `thing-${n}`,
          details: { n, nested: { b: 2, a: 1 } },
        }),
      );
    }
    expect(seqs).toEqual([1, 2, 3, 4, 5]);

    const rows = await allEvents();
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prevHash).toBe("0".repeat(64));
    rows.forEach((row, index) => {
      expect(row.hash).toBe(hashAuditEvent(row));
      if (index > 0) expect(row.prevHash).toBe(rows[index - 1]!.hash);
    });

    const [head] = await db().select().from(auditChainHead);
    expect(head).toMatchObject({ seq: 5, hash: rows[4]!.hash });
    await expect(verifyAuditChain()).resolves.toEqual({ ok: true, checked: 5, checkpoints: 0 });
  });

  test("the database hashes any text exactly as the verifier does", async () => {
    // The chain's hashes are computed in SQL (audit_append) and checked in Node: both must encode
    // umlauts, quotes, backslashes, emoji, numbers and nesting alike.
    const seq = await recordAudit(
      { ip: "2001:db8::1", userAgent: 'Mozilla "Quoted" \\ Größe 😀' },
      {
        action: "test.unicode" as AuditAction,
        subjectType: "Thing",
        subjectId: "Straße/1",
        details: { note: 'Ä\nb\t"c" \u2028 ☕', amount: 12.5, big: 2 ** 40, list: [null, true] },
        personal: { query: 'Jürgen "Jo" O\'Brien \\ 😀', email: "jö@example.test" },
      },
    );
    const [row] = await db().select().from(auditEvents).where(eq(auditEvents.seq, seq));
    expect(row!.details).toEqual({
      note: 'Ä\nb\t"c" \u2028 ☕',
      amount: 12.5,
      big: 2 ** 40,
      list: [null, true],
    });
    expect(row!.personal).toMatchObject({ query: 'Jürgen "Jo" O\'Brien \\ 😀' });
    expect(row!.personalDigest).toBe(personalDigest(row!.personal!, row!.ip, row!.userAgent));
    expect(row!.hash).toBe(hashAuditEvent(row!));
    await expect(verifyAuditChain()).resolves.toMatchObject({ ok: true });
  });

  test("rows of the older kind (everything hashed) and the newer kind form one chain", async () => {
    await recordAudit(actor, { action: "test.before" as AuditAction });
    // A row as written before personal parts existed: ip, browser and details in its hash.
    await db().transaction(async (tx) => {
      const [head] = await tx.select().from(auditChainHead);
      const older = {
        seq: head!.seq + 1,
        occurredAt: new Date(),
        actorUserId: null,
        actorOrganizationId: null,
        action: "auth.login_failed",
        subjectType: null,
        subjectId: null,
        projectId: null,
        ip: "192.0.2.77",
        userAgent: "older-kind",
        details: { email: "older@example.test" },
        personal: null,
        personalDigest: null,
        prevHash: head!.hash,
      };
      const hash = hashAuditEvent(older);
      // The head guard's two steps: forward by one, then the hash of the row stored there.
      await tx.update(auditChainHead).set({ seq: older.seq });
      await tx.insert(auditEvents).values({ ...older, hash });
      await tx.update(auditChainHead).set({ hash });
    });
    await recordAudit(actor, { action: "test.after" as AuditAction, personal: { q: "x" } });
    const rows = await allEvents();
    expect(rows.at(-2)!.personalDigest).toBeNull();
    expect(rows.at(-1)!.personalDigest).toMatch(/^[0-9a-f]{64}$/);
    await expect(verifyAuditChain()).resolves.toMatchObject({ ok: true });

    // The older row's hash covers its address and details: it cannot be erased, only counted.
    const older = rows.at(-2)!;
    expect(
      await databaseError(
        db()
          .update(auditEvents)
          .set({ ip: null, userAgent: null })
          .where(eq(auditEvents.seq, older.seq)),
      ),
    ).toBe("audit_events is append-only (UPDATE refused)");
    await expect(
      db().transaction((tx) =>
        eraseAuditPersonalData(tx, { mentions: ["OLDER@example.test", "192.0.2.77"] }),
      ),
    ).resolves.toEqual({ events: 0, unerasable: 1 });
  });

  test("concurrent writers still produce one gapless chain", async () => {
    const before = (await allEvents()).length;
    const seqs = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        recordAudit(actor, { action: "test.concurrent" as AuditAction, details: { i } }),
      ),
    );
    expect([...seqs].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 8 }, (_, i) => before + i + 1),
    );
    await expect(verifyAuditChain()).resolves.toMatchObject({ ok: true, checked: before + 8 });
  });

  test("an event recorded in a transaction that rolls back leaves no trace", async () => {
    const before = await allEvents();
    await expect(
      db().transaction(async (tx) => {
        await recordAudit(actor, { action: "test.rolled_back" as AuditAction }, tx);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await allEvents()).toEqual(before);
    const next = await recordAudit(actor, { action: "test.after_rollback" as AuditAction });
    expect(next).toBe(before.length + 1);
  });

  test("the database refuses UPDATE, DELETE and TRUNCATE on audit events", async () => {
    expect(
      await databaseError(
        db()
          .update(auditEvents)
          .set({ action: "test.rewritten" as AuditAction })
          .where(eq(auditEvents.seq, 1)),
      ),
    ).toBe("audit_events is append-only (UPDATE refused)");
    expect(await databaseError(db().delete(auditEvents).where(eq(auditEvents.seq, 1)))).toBe(
      "audit_events is append-only (DELETE refused)",
    );
    expect(await databaseError(db().execute(sql`truncate audit_events`))).toBe(
      "audit_events is append-only (TRUNCATE refused)",
    );
    const [first] = await db().select().from(auditEvents).where(eq(auditEvents.seq, 1));
    expect(first!.action).toBe("test.event");
  });

  test("verification names the row that was edited behind the trigger's back", async () => {
    const [target] = await db().select().from(auditEvents).where(eq(auditEvents.seq, 3));
    await withAppendOnlyGuardOff(() =>
      db()
        .update(auditEvents)
        .set({ details: { n: 3, nested: { a: 1, b: 2 }, approved: true } })
        .where(eq(auditEvents.seq, 3)),
    );
    await expect(verifyAuditChain()).resolves.toMatchObject({
      ok: false,
      firstBadSeq: 3,
      checked: 2,
      reason: expect.stringMatching(/content does not match its hash/),
    });

    // Putting the original content back makes the chain whole again.
    await withAppendOnlyGuardOff(() =>
      db().update(auditEvents).set({ details: target!.details }).where(eq(auditEvents.seq, 3)),
    );
    await expect(verifyAuditChain()).resolves.toMatchObject({ ok: true });
  });

  test("verification notices a rewritten link even when the row's own hash is recomputed", async () => {
    const [row] = await db().select().from(auditEvents).where(eq(auditEvents.seq, 4));
    const forged = { ...row!, action: "test.forged" as AuditAction };
    await withAppendOnlyGuardOff(() =>
      db()
        .update(auditEvents)
        .set({ action: forged.action, hash: hashAuditEvent(forged) })
        .where(eq(auditEvents.seq, 4)),
    );
    // Row 4 now hashes correctly, but row 5 still points at row 4's original hash.
    await expect(verifyAuditChain()).resolves.toMatchObject({ ok: false, firstBadSeq: 5 });
    await withAppendOnlyGuardOff(() =>
      db()
        .update(auditEvents)
        .set({ action: row!.action, hash: row!.hash })
        .where(eq(auditEvents.seq, 4)),
    );
    await expect(verifyAuditChain()).resolves.toMatchObject({ ok: true });
  });

  test("verification notices that the last row was deleted", async () => {
    const rows = await allEvents();
    const last = rows[rows.length - 1]!;
    await withAppendOnlyGuardOff(() =>
      db().delete(auditEvents).where(eq(auditEvents.seq, last.seq)),
    );
    const verdict = await verifyAuditChain();
    expect(verdict).toMatchObject({ ok: false, firstBadSeq: last.seq, checked: last.seq - 1 });
    if (!verdict.ok) expect(verdict.reason).toMatch(/chain head expects/);

    // The guard is back on afterwards.
    const [triggers] = await queryRows<{ enabled: string }>(
      db(),
      sql`select tgenabled as enabled from pg_trigger where tgname = 'audit_events_no_update_delete'`,
    );
    expect(triggers!.enabled).toBe("O");
  });

  test("the chain head cannot be rewound, deleted or pointed at a made-up hash", async () => {
    await recordAudit(actor, { action: "test.head" as AuditAction });
    const [head] = await db().select().from(auditChainHead);
    expect(
      await databaseError(
        db()
          .update(auditChainHead)
          .set({ seq: head!.seq - 1 })
          .where(eq(auditChainHead.id, 1)),
      ),
    ).toBe("audit_chain_head only moves forward");
    expect(
      await databaseError(
        db()
          .update(auditChainHead)
          .set({ seq: head!.seq + 1001 })
          .where(eq(auditChainHead.id, 1)),
      ),
    ).toBe("audit_chain_head only moves forward");
    expect(
      await databaseError(
        db()
          .update(auditChainHead)
          .set({ hash: "f".repeat(64) })
          .where(eq(auditChainHead.id, 1)),
      ),
    ).toBe("audit_chain_head only moves forward");
    expect(await databaseError(db().delete(auditChainHead))).toBe(
      "audit_chain_head cannot be changed by DELETE",
    );
    expect(await db().select().from(auditChainHead)).toEqual([head]);
  });
});
