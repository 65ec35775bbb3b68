import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { connect, disconnect } from "#db/client.server";
import { isDatabaseEmpty } from "#db/seed/demo-world";
import { seedDemoWorld } from "~/demo-world.server";
import { organizations, users } from "#db/schema";
import { findUserByEmail } from "~/features/identity/user.server";
import {
  COPY_CHECKPOINTS,
  COPY_LOG,
  exportAuditCopy,
  verifyAuditCopy,
} from "~/kernel/audit/audit-copy.server";
import { recordAudit, verifyAuditChain } from "~/kernel/audit/audit.server";
import { auditSigningKey } from "~/kernel/audit/checkpoints.server";
import {
  certificateValid,
  type CertificateHead,
  type Signed,
} from "~/kernel/audit/signed-certificate";
import { createPasswordSetupLink } from "~/features/identity/password-reset.server";
import { sweepStorage } from "~/kernel/storage/sweep.server";
import { storage } from "~/kernel/storage/storage.server";
import { env } from "~/kernel/env.server";

type Command = (args: string[]) => Promise<number>;

/**
 * Operator commands. They run from a checkout (`npm run db:migrate`, …) and, in the production
 * image where there is no TypeScript tooling, as `node server.js <command>`.
 */
export const commands: Record<string, Command> = {
  async migrate() {
    const handle = await connect(env());
    await handle.migrate();
    console.log(`Migrations applied (${handle.kind}).`);
    return 0;
  },

  async seed() {
    const config = env();
    if (config.NODE_ENV === "production") {
      console.error("Refusing to seed demo users into a production database.");
      return 1;
    }
    const handle = await connect(config);
    await handle.migrate();
    if (!(await isDatabaseEmpty(handle.db))) {
      console.log(
        "The database already holds data; the demo world is seeded only into an empty one.",
      );
      return 0;
    }
    await seedDemoWorld(handle.db);
    console.log("Seeded the demo world. Every demo user's password is ambit-demo-2026.");
    return 0;
  },

  /** Removes stored files without a document row, `.partial` copies and stale upload temp files. */
  async "storage:sweep"(args) {
    const { values } = parseArgs({
      args,
      options: { "older-than-minutes": { type: "string", default: "60" } },
    });
    const minutes = Number(values["older-than-minutes"]);
    if (!Number.isInteger(minutes) || minutes < 0) {
      console.error("--older-than-minutes must be a whole number of minutes.");
      return 1;
    }
    await connect(env());
    const result = await sweepStorage({ storage: await storage(), olderThanMinutes: minutes });
    console.log(
      `Storage sweep: ${result.checked} stored files checked; removed ${result.orphans} without a document, ${result.partials} partial copies, ${result.tempFiles} upload temp files.`,
    );
    return 0;
  },

  async "audit:verify"() {
    const handle = await connect(env());
    const verdict = await verifyAuditChain(handle.db);
    // The compliance console shows when the chain was last verified, and what came of it.
    await recordAudit({}, { action: "audit.verified", details: { ...verdict, via: "command" } });
    if (verdict.ok) {
      console.log(
        `Audit chain intact: ${verdict.checked} events verified, ${verdict.checkpoints} signed checkpoints matched.`,
      );
      return 0;
    }
    console.error(
      `Audit chain BROKEN at sequence ${verdict.firstBadSeq}: ${verdict.reason} (the ${verdict.checked} events before it are intact).`,
    );
    return 1;
  },

  /** A copy of the whole log and its signed checkpoints, for an auditor (ADR 23). */
  async "audit:export"(args) {
    const { values } = parseArgs({ args, options: { out: { type: "string" } } });
    if (!values.out) {
      console.error("Usage: audit:export --out <directory>");
      return 1;
    }
    const handle = await connect(env());
    const copy = await exportAuditCopy(values.out, handle.db);
    await recordAudit(
      {},
      {
        action: "audit.exported",
        details: { format: "copy", events: copy.events, via: "command" },
      },
    );
    console.log(
      `Audit log copied: ${copy.events} events to ${COPY_LOG}, ${copy.checkpoints} signed checkpoints to ${COPY_CHECKPOINTS}.`,
    );
    console.log(`Public key ${copy.keyId}: ${copy.publicKey}`);
    return 0;
  },

  /** Verifies an exported copy away from the installation: no database needed. */
  async "audit:verify-copy"(args) {
    const { values } = parseArgs({
      args,
      options: {
        log: { type: "string" },
        checkpoints: { type: "string" },
        "public-key": { type: "string" },
      },
    });
    const publicKeyHex = values["public-key"];
    if (
      !values.log ||
      !values.checkpoints ||
      !publicKeyHex ||
      !/^[0-9a-f]{64}$/i.test(publicKeyHex)
    ) {
      console.error(
        "Usage: audit:verify-copy --log audit-log.jsonl --checkpoints audit-checkpoints.json --public-key <64 hex characters>",
      );
      return 1;
    }
    const verdict = await verifyAuditCopy({
      logPath: values.log,
      checkpointsPath: values.checkpoints,
      publicKeyHex,
    });
    if (verdict.ok) {
      console.log(
        `Audit log copy intact: ${verdict.checked} events verified, ${verdict.checkpoints} signed checkpoints matched.`,
      );
      return 0;
    }
    console.error(
      `Audit log copy BROKEN at sequence ${verdict.firstBadSeq}: ${verdict.reason} (the ${verdict.checked} events before it are intact).`,
    );
    return 1;
  },

  /** Checks a deletion or retention certificate away from the installation: no database. */
  async "certificate:verify"(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { "public-key": { type: "string" } },
    });
    const publicKeyHex = values["public-key"];
    if (positionals.length !== 1 || !publicKeyHex || !/^[0-9a-f]{64}$/i.test(publicKeyHex)) {
      console.error("Usage: certificate:verify certificate.json --public-key <64 hex characters>");
      return 1;
    }
    let certificate: Signed<CertificateHead & { id?: string }>;
    try {
      certificate = JSON.parse(await readFile(positionals[0]!, "utf8")) as typeof certificate;
    } catch (error) {
      console.error(`Cannot read ${positionals[0]}: ${(error as Error).message}`);
      return 1;
    }
    if (certificateValid(certificate, publicKeyHex)) {
      console.log(
        `Certificate ${certificate.type} ${certificate.id ?? ""} is intact and signed by key ${certificate.signature.keyId}.`,
      );
      return 0;
    }
    console.error("Certificate NOT valid: altered, or not signed by this key.");
    return 1;
  },

  /** The public key that verifies this installation's checkpoints, to hand to auditors. */
  async "audit:public-key"() {
    const key = auditSigningKey();
    console.log(`${key.keyId} ${key.publicKeyHex}`);
    return 0;
  },

  /** The first administrator of a new installation; prints a link to set the password. */
  async "create-admin"(args) {
    const { values } = parseArgs({
      args,
      options: {
        email: { type: "string" },
        name: { type: "string" },
        organization: { type: "string" },
      },
    });
    if (!values.email || !values.name) {
      console.error(
        'Usage: create-admin --email ida@company.example --name "Ida Hansen" [--organization "Company GmbH"]',
      );
      return 1;
    }
    const handle = await connect(env());
    await handle.migrate();
    if (await findUserByEmail(values.email)) {
      console.error(`A user with the email ${values.email} already exists.`);
      return 1;
    }
    const [existingHost] = await handle.db
      .select()
      .from(organizations)
      .where(eq(organizations.kind, "host"));
    if (!existingHost && !values.organization) {
      console.error(
        "There is no host organisation yet: pass --organization with your company's name.",
      );
      return 1;
    }
    const [host] = existingHost
      ? [existingHost]
      : await handle.db
          .insert(organizations)
          .values({ name: values.organization!, kind: "host" })
          .returning();
    if (!host) throw new Error("Could not create the host organisation");
    const [admin] = await handle.db
      .insert(users)
      .values({ organizationId: host.id, role: "admin", name: values.name, email: values.email })
      .returning();
    await recordAudit(
      { organizationId: host.id },
      {
        action: "user.created_by_operator",
        subjectType: "User",
        subjectId: admin!.id,
        details: { role: "admin" },
      },
    );
    const link = await createPasswordSetupLink(admin!.id);
    console.log(`Created administrator ${values.email} in ${host.name}.`);
    console.log(`Set the password within 30 minutes at: ${link}`);
    return 0;
  },
};

export async function runCommand(name: string | undefined, args: string[]): Promise<number> {
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(
      `Unknown command "${name ?? ""}". Commands: ${Object.keys(commands).join(", ")}.`,
    );
    return 1;
  }
  try {
    return await command(args);
  } finally {
    await disconnect();
  }
}
