import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { commands } from "~/commands.server";
import {
  COPY_CHECKPOINTS,
  COPY_LOG,
  exportAuditCopy,
  verifyAuditCopy,
} from "~/kernel/audit/audit-copy.server";
import { hashAuditEvent, recordAudit, type ChainedRow } from "~/kernel/audit/audit.server";
import { auditSigningKey, writeCheckpointIfDue } from "~/kernel/audit/checkpoints.server";

/*
 * Issue 15, part 4: an auditor takes a copy of the log and its signed checkpoints and verifies
 * it away from the installation, with the public key they were given. A copy rewritten
 * consistently fails on the checkpoint; a copy "signed" with another key proves nothing.
 */

let directory = "";
const files = () => ({
  logPath: path.join(directory, COPY_LOG),
  checkpointsPath: path.join(directory, COPY_CHECKPOINTS),
});

/** The documented command, as an auditor runs it on the copy. */
const verifyCopyCommand = (publicKey: string) =>
  commands["audit:verify-copy"]!([
    "--log",
    files().logPath,
    "--checkpoints",
    files().checkpointsPath,
    "--public-key",
    publicKey,
  ]);

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "ambit-audit-copy-"));
  for (let n = 0; n < 6; n += 1) {
    await recordAudit({ ip: "192.0.2.44" }, { action: "search.performed", details: { n } });
  }
  await writeCheckpointIfDue(new Date());
  await recordAudit({ ip: "192.0.2.44" }, { action: "search.performed", details: { n: 6 } });
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("a copy of the audit log", () => {
  test("verifies away from the installation with its public key", async () => {
    const copy = await exportAuditCopy(directory);
    expect(copy.checkpoints).toBeGreaterThan(0);
    expect(copy.publicKey).toBe(auditSigningKey().publicKeyHex);
    const verdict = await verifyAuditCopy({ ...files(), publicKeyHex: copy.publicKey });
    expect(verdict).toMatchObject({
      ok: true,
      checked: copy.events,
      checkpoints: copy.checkpoints,
    });
    // The documented command says the same, and needs no database.
    expect(await verifyCopyCommand(copy.publicKey)).toBe(0);
  });

  test("rewritten consistently, every hash recomputed, it fails on the signed checkpoint", async () => {
    const copy = await exportAuditCopy(directory);
    const lines = (await readFile(files().logPath, "utf8")).trim().split("\n");
    const rows = lines.map((line) => JSON.parse(line) as ChainedRow & { occurredAt: string });
    let prevHash = rows[0]!.prevHash;
    const rewritten = rows.map((row, index) => {
      const changed = {
        ...row,
        occurredAt: new Date(row.occurredAt),
        prevHash,
        details: index === 1 ? { n: "rewritten" } : row.details,
      };
      const hash = hashAuditEvent(changed);
      prevHash = hash;
      return JSON.stringify({ ...changed, occurredAt: row.occurredAt, hash });
    });
    await writeFile(files().logPath, `${rewritten.join("\n")}\n`);
    const verdict = await verifyAuditCopy({ ...files(), publicKeyHex: copy.publicKey });
    expect(verdict).toMatchObject({
      ok: false,
      firstBadSeq: 1,
      reason: expect.stringMatching(/were rewritten after they were signed/),
    });
    const printed = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await verifyCopyCommand(copy.publicKey)).toBe(1);
      expect(printed).toHaveBeenCalledWith(
        expect.stringMatching(
          /^Audit log copy BROKEN at sequence 1: events 1 to \d+ were rewritten/,
        ),
      );
    } finally {
      printed.mockRestore();
    }
  });

  test("checked with a key that did not sign it, it proves nothing and says so", async () => {
    await exportAuditCopy(directory);
    const verdict = await verifyAuditCopy({ ...files(), publicKeyHex: "ab".repeat(32) });
    expect(verdict).toMatchObject({
      ok: false,
      reason: "no checkpoint in the file is signed with this public key",
    });
  });

  test("cut off in the middle of a line, it says which line it cannot read", async () => {
    const copy = await exportAuditCopy(directory);
    const text = await readFile(files().logPath, "utf8");
    await writeFile(files().logPath, text.slice(0, text.length - 20));
    const lines = text.trim().split("\n").length;
    await expect(
      verifyAuditCopy({ ...files(), publicKeyHex: copy.publicKey }),
    ).resolves.toMatchObject({
      ok: false,
      reason: `line ${lines} of the log is not a JSON event`,
    });
  });
});
