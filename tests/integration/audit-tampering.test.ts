import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, eq, gt, sql } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { db, queryRows } from "#db/client.server";
import { auditChainHead, auditCheckpoints, auditEvents } from "#db/schema";
import { hashAuditEvent, recordAudit, verifyAuditChain } from "~/kernel/audit/audit.server";
import {
  COPY_CHECKPOINTS,
  COPY_LOG,
  exportAuditCopy,
  verifyAuditCopy,
} from "~/kernel/audit/audit-copy.server";
import { auditSigningKey, writeCheckpointIfDue } from "~/kernel/audit/checkpoints.server";
import { eraseAuditPersonalData } from "~/kernel/audit/erase-personal.server";
import { databaseError } from "../support/database";

/*
 * Issue 15, part 4: six ways to tamper with the audit log as someone with the database's
 * superuser would (the append-only triggers switched off), and the verification catching each.
 * The sixth, a chain rewritten consistently from some row on, passes every hash and link: only
 * the signed checkpoints catch it.
 */

type Row = typeof auditEvents.$inferSelect;
const actor = { ip: "192.0.2.9", userAgent: "tamper-test" };
let firstCheckpoint = 0;
let secondCheckpoint = 0;

/** As a superuser would: every guard of the log off for the change. */
async function behindTheGuards(change: () => Promise<unknown>) {
  await db().execute(sql`alter table audit_events disable trigger user`);
  await db().execute(sql`alter table audit_chain_head disable trigger user`);
  try {
    await change();
  } finally {
    await db().execute(sql`alter table audit_events enable trigger user`);
    await db().execute(sql`alter table audit_chain_head enable trigger user`);
  }
}

const rows = () => db().select().from(auditEvents).orderBy(asc(auditEvents.seq));
const rowAt = async (seq: number) =>
  (await db().select().from(auditEvents).where(eq(auditEvents.seq, seq)))[0]!;
const setRow = (seq: number, values: Partial<Row>) =>
  db().update(auditEvents).set(values).where(eq(auditEvents.seq, seq));
const setHead = (seq: number, hash: string) =>
  db().update(auditChainHead).set({ seq, hash }).where(eq(auditChainHead.id, 1));

beforeAll(async () => {
  for (let n = 0; n < 12; n += 1) {
    await recordAudit(actor, { action: "search.performed", details: { n } });
  }
  firstCheckpoint = (await writeCheckpointIfDue(new Date()))!;
  for (let n = 12; n < 20; n += 1) {
    await recordAudit(actor, { action: "search.performed", details: { n } });
  }
  // An hour later the next checkpoint is due, however few events came.
  secondCheckpoint = (await writeCheckpointIfDue(new Date(Date.now() + 2 * 3600_000)))!;
  for (let n = 20; n < 23; n += 1) {
    await recordAudit(actor, { action: "search.performed", details: { n } });
  }
});

// Each test tampers with its own copy: the log is put back as it was afterwards.
let original: { rows: Row[]; head: { seq: number; hash: string } };
beforeEach(async () => {
  const [head] = await db().select().from(auditChainHead);
  original = { rows: await rows(), head: { seq: head!.seq, hash: head!.hash } };
  await expect(verifyAuditChain()).resolves.toMatchObject({ ok: true, checkpoints: 2 });
});
afterEach(async () => {
  await behindTheGuards(async () => {
    await db().delete(auditEvents);
    await db().insert(auditEvents).values(original.rows);
    await setHead(original.head.seq, original.head.hash);
  });
  await expect(verifyAuditChain()).resolves.toMatchObject({ ok: true });
});

describe("the verification of the audit log catches", () => {
  test("the checkpoints were written as asked: two, signed, the second later", async () => {
    const checkpoints = await db()
      .select()
      .from(auditCheckpoints)
      .orderBy(asc(auditCheckpoints.seq));
    expect(checkpoints.map((row) => row.seq)).toEqual([firstCheckpoint, secondCheckpoint]);
    expect(secondCheckpoint - firstCheckpoint).toBe(8);
    // Three events since, within the hour: the next one is not due yet.
    expect(await writeCheckpointIfDue(new Date())).toBeNull();
  });

  test("1 of 6: an edited row", async () => {
    const seq = firstCheckpoint + 2;
    await behindTheGuards(() => setRow(seq, { details: { n: 99, approved: true } }));
    await expect(verifyAuditChain()).resolves.toMatchObject({
      ok: false,
      firstBadSeq: seq,
      reason: expect.stringMatching(/content does not match its hash/),
    });
  });

  test("2 of 6: a deleted row", async () => {
    const seq = firstCheckpoint + 3;
    await behindTheGuards(() => db().delete(auditEvents).where(eq(auditEvents.seq, seq)));
    await expect(verifyAuditChain()).resolves.toMatchObject({
      ok: false,
      firstBadSeq: seq,
      reason: `sequence ${seq} is missing`,
    });
  });

  test("3 of 6: an inserted row, the rows after it numbered on", async () => {
    const seq = firstCheckpoint + 4;
    await behindTheGuards(async () => {
      const later = (await rows()).filter((row) => row.seq >= seq).reverse();
      for (const row of later) await setRow(row.seq, { seq: row.seq + 1 });
      const before = await rowAt(seq - 1);
      const forged = {
        ...before,
        seq,
        action: "auth.login_succeeded",
        details: {},
        prevHash: before.hash,
      };
      await db()
        .insert(auditEvents)
        .values({ ...forged, hash: hashAuditEvent(forged) });
    });
    // The forged row hashes and links correctly; the one after it no longer does.
    await expect(verifyAuditChain()).resolves.toMatchObject({ ok: false, firstBadSeq: seq + 1 });
  });

  test("4 of 6: two rows swapped", async () => {
    const seq = firstCheckpoint + 5;
    const [a, b] = [await rowAt(seq), await rowAt(seq + 1)];
    await behindTheGuards(async () => {
      await setRow(seq, { ...b, seq });
      await setRow(seq + 1, { ...a, seq: seq + 1 });
    });
    await expect(verifyAuditChain()).resolves.toMatchObject({ ok: false, firstBadSeq: seq });
  });

  test("5 of 6: a truncated tail, with the head left or rewound past a checkpoint", async () => {
    const last = original.head.seq;
    await behindTheGuards(() =>
      db()
        .delete(auditEvents)
        .where(gt(auditEvents.seq, last - 2)),
    );
    await expect(verifyAuditChain()).resolves.toMatchObject({
      ok: false,
      firstBadSeq: last - 1,
      reason: expect.stringMatching(/chain head expects/),
    });
    // Cut back past the last checkpoint, the head rewound to match: the signature remembers.
    const cut = secondCheckpoint - 3;
    const lastKept = await rowAt(cut);
    await behindTheGuards(async () => {
      await db().delete(auditEvents).where(gt(auditEvents.seq, cut));
      await setHead(cut, lastKept.hash);
    });
    await expect(verifyAuditChain()).resolves.toMatchObject({
      ok: false,
      firstBadSeq: cut + 1,
      reason: expect.stringMatching(/ends at .* signed/),
    });
  });

  test("6 of 6: the chain rewritten consistently from a row on: only the checkpoint sees it", async () => {
    const from = firstCheckpoint + 3;
    await behindTheGuards(async () => {
      let prevHash = (await rowAt(from - 1)).hash;
      for (const row of (await rows()).filter((item) => item.seq >= from)) {
        const rewritten = {
          ...row,
          prevHash,
          details: row.seq === from ? { n: "rewritten" } : row.details,
        };
        const hash = hashAuditEvent(rewritten);
        await setRow(row.seq, { details: rewritten.details, prevHash, hash });
        prevHash = hash;
      }
      await setHead(original.head.seq, prevHash);
    });
    // Every hash and link holds: without the checkpoints nothing is wrong.
    await expect(verifyAuditChain(db(), { checkpoints: [] })).resolves.toMatchObject({
      ok: true,
    });
    await expect(verifyAuditChain()).resolves.toMatchObject({
      ok: false,
      firstBadSeq: firstCheckpoint + 1,
      reason: expect.stringMatching(
        new RegExp(
          `^events ${firstCheckpoint + 1} to ${secondCheckpoint} were rewritten after they were signed on `,
        ),
      ),
    });
  });

  test("a forged checkpoint: a signature the installation's key did not make", async () => {
    await db().execute(sql`alter table audit_checkpoints disable trigger user`);
    const [first] = await db().select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.seq));
    try {
      await db()
        .update(auditCheckpoints)
        .set({ hash: "f".repeat(64) })
        .where(eq(auditCheckpoints.seq, first!.seq));
      await expect(verifyAuditChain()).resolves.toMatchObject({
        ok: false,
        reason: expect.stringMatching(/no valid signature/),
      });
    } finally {
      await db()
        .update(auditCheckpoints)
        .set({ hash: first!.hash })
        .where(eq(auditCheckpoints.seq, first!.seq));
      await db().execute(sql`alter table audit_checkpoints enable trigger user`);
    }
  });

  test("a row inserted with another key, far past the head, does not stop the checkpoints", async () => {
    await db()
      .insert(auditCheckpoints)
      .values({
        seq: 1_000_000_000,
        hash: "e".repeat(64),
        signedAt: new Date(Date.now() + 365 * 86_400_000),
        keyId: "0123456789abcdef",
        signature: "forged",
      });
    try {
      // Of another key: not counted, and the chain still verifies with its own checkpoints.
      await expect(verifyAuditChain()).resolves.toMatchObject({ ok: true, checkpoints: 2 });
      // An hour on, the head is signed as ever.
      const later = await writeCheckpointIfDue(new Date(Date.now() + 4 * 3600_000));
      expect(later).toBe(original.head.seq);
    } finally {
      await db().execute(sql`alter table audit_checkpoints disable trigger user`);
      await db().delete(auditCheckpoints).where(gt(auditCheckpoints.seq, secondCheckpoint));
      await db().execute(sql`alter table audit_checkpoints enable trigger user`);
    }
  });
});

describe("a person's data erased from the log (ADR 26)", () => {
  test("an edited IP address of a newer row is caught by its digest, naming the row", async () => {
    const seq = firstCheckpoint + 2;
    await behindTheGuards(() => setRow(seq, { ip: "203.0.113.66" }));
    await expect(verifyAuditChain()).resolves.toMatchObject({
      ok: false,
      firstBadSeq: seq,
      reason: expect.stringMatching(/personal part, address or browser does not match/),
    });
  });

  test("an edited personal value, or an erasure that left the IP, is caught too", async () => {
    const seq = firstCheckpoint + 4;
    const row = await rowAt(seq);
    await behindTheGuards(() => setRow(seq, { personal: { ...row.personal, n: "edited" } }));
    await expect(verifyAuditChain()).resolves.toMatchObject({ ok: false, firstBadSeq: seq });
    await behindTheGuards(() => setRow(seq, { personal: null, userAgent: null }));
    await expect(verifyAuditChain()).resolves.toMatchObject({
      ok: false,
      firstBadSeq: seq,
      reason: expect.stringMatching(/erased but its address or browser is not/),
    });
  });

  test("the trigger lets an erasure through, and nothing else", async () => {
    const seq = firstCheckpoint + 1;
    const refused = "audit_events is append-only (UPDATE refused)";
    const attempts: Partial<Row>[] = [
      { ip: "203.0.113.66" },
      { ip: null, userAgent: null },
      { ip: null, userAgent: null, personal: null, details: { n: "rewritten" } },
      { ip: null, userAgent: null, personal: null, personalDigest: null },
      { ip: null, userAgent: null, personal: null, action: "auth.logout" },
      { personal: { salt: "x" } },
    ];
    for (const values of attempts) expect(await databaseError(setRow(seq, values))).toBe(refused);
    await setRow(seq, { ip: null, userAgent: null, personal: null });
    expect(await rowAt(seq)).toMatchObject({ ip: null, userAgent: null, personal: null });
    await expect(verifyAuditChain()).resolves.toMatchObject({ ok: true, checkpoints: 2 });
  });

  test("erasing by actor, subject and mention leaves the chain verifying, here and in a copy", async () => {
    const person = randomUUID();
    const contact = randomUUID();
    const seen = { ip: "192.0.2.50", userAgent: "Firefox" };
    const byActor = await recordAudit(
      { ...seen, userId: person },
      { action: "search.performed", details: { resultCount: 1 }, personal: { query: "Eiche" } },
    );
    const about = await recordAudit(seen, {
      action: "contact.viewed",
      subjectType: "Contact",
      subjectId: contact,
      details: { via: "contact" },
    });
    const mentioning = await recordAudit(seen, {
      action: "auth.login_failed",
      details: { reason: "unknown_email" },
      personal: { email: "Felix.Roth@Example.test" },
    });
    const wildcard = await recordAudit(seen, {
      action: "search.performed",
      personal: { query: "50% off" },
    });
    const bystander = await recordAudit(seen, {
      action: "search.performed",
      personal: { query: "felix_roth" },
    });
    // Another person's address that ends in the erased one's is theirs, not the erased one's.
    const namesake = await recordAudit(seen, {
      action: "auth.login_failed",
      personal: { email: "johan.felix.roth@example.test" },
    });

    const erased = await db().transaction((tx) =>
      eraseAuditPersonalData(tx, {
        actorUserIds: [person],
        subjectIds: [contact],
        // Whole addresses and words, whatever the case; "." and "%" are characters, not
        // patterns; a blank mention matches nothing.
        mentions: ["felix.roth@example.TEST", "50%", " "],
      }),
    );
    expect(erased).toEqual({ events: 4, unerasable: 0 });
    for (const seq of [byActor, about, mentioning, wildcard]) {
      expect(await rowAt(seq)).toMatchObject({ ip: null, userAgent: null, personal: null });
    }
    expect(await rowAt(bystander)).toMatchObject({
      ip: "192.0.2.50",
      personal: { query: "felix_roth" },
    });
    expect(await rowAt(namesake)).toMatchObject({
      ip: "192.0.2.50",
      personal: { email: "johan.felix.roth@example.test" },
    });
    // Twice is harmless: nothing is left to erase.
    await expect(
      db().transaction((tx) => eraseAuditPersonalData(tx, { actorUserIds: [person] })),
    ).resolves.toEqual({ events: 0, unerasable: 0 });

    // Nothing in the table names the address any more, in any column.
    const [found] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from audit_events e
          where e::text ilike '%felix.roth%' and e::text not ilike '%johan.felix.roth%'`,
    );
    expect(found!.n).toBe(0);
    await expect(verifyAuditChain()).resolves.toMatchObject({ ok: true, checkpoints: 2 });

    const directory = await mkdtemp(path.join(tmpdir(), "ambit-audit-erased-"));
    try {
      const copy = await exportAuditCopy(directory);
      const log = await readFile(path.join(directory, COPY_LOG), "utf8");
      expect(log).toContain("personalDigest");
      expect(log.toLowerCase().replaceAll("johan.felix.roth", "")).not.toContain("felix.roth");
      await expect(
        verifyAuditCopy({
          logPath: path.join(directory, COPY_LOG),
          checkpointsPath: path.join(directory, COPY_CHECKPOINTS),
          publicKeyHex: auditSigningKey().publicKeyHex,
        }),
      ).resolves.toMatchObject({ ok: true, checked: copy.events });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
