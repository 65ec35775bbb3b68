// Run by the Playwright web server before the app starts (`npx tsx tests/e2e/prepare.ts`):
// a fresh database in E2E_DATA_DIR with the demo world and the e2e-only users added to it.
// With E2E_XSS_CORPUS=1 (the XSS spec's own server, never the shared one) it also holds the XSS
// corpus in an internal project of its own.
import { rmSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { connect, disconnect } from "../../db/client.server";
import { entries, organizations, projects, users } from "../../db/schema";
import { seedDemoWorld } from "../../app/demo-world.server";
import { localStorage } from "../../app/kernel/storage/storage.server";
import { hashPassword } from "../../app/kernel/password.server";
import { PROBE_ACCOUNT, PROBE_PROJECT, probeEntries } from "../support/xss-corpus";
import { e2eUsers, PASSWORD, PROBE_ORGANIZATION } from "./support/users";
import { presetAudience } from "../support/audiences";

const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? ".cache/e2e-data");
rmSync(dataDir, { recursive: true, force: true });

const handle = await connect({ DATA_DIR: dataDir });
await handle.migrate();
// Exactly the demo world of DEMO_WORLD.md: the specs count its entries.
await seedDemoWorld(handle.db, new Date(), {
  backgroundEntries: false,
  files: localStorage(path.join(dataDir, "files")),
});

const passwordHash = await hashPassword(PASSWORD);
await handle.db.transaction(async (tx) => {
  const [host] = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.kind, "host"));
  const [probe] = await tx
    .insert(organizations)
    .values({ name: PROBE_ORGANIZATION, kind: "partner", partnerType: "supplier" })
    .returning({ id: organizations.id });
  await tx.insert(users).values(
    Object.values(e2eUsers).map((user) => ({
      name: user.name,
      email: user.email,
      role: user.role,
      organizationId: user.organization === PROBE_ORGANIZATION ? probe!.id : host!.id,
      passwordHash,
      twoFactorExempt: user.twoFactorExempt,
    })),
  );
});

// A project more in the shared database would change what the other specs count (Clara's three
// projects), so the corpus lives only in the database of the XSS spec's own server.
if (process.env.E2E_XSS_CORPUS === "1") {
  await handle.db.transaction(async (tx) => {
    const [anna] = await tx.select().from(users).where(eq(users.email, "anna@hansen.example"));
    const [account] = await tx
      .insert(organizations)
      .values({ name: PROBE_ACCOUNT, kind: "customer" })
      .returning({ id: organizations.id });
    const [project] = await tx
      .insert(projects)
      .values({
        name: PROBE_PROJECT,
        accountId: account!.id,
        ownerId: anna!.id,
        status: "active",
        description: "XSS corpus for the browser test: every payload as an entry.",
      })
      .returning({ id: projects.id });
    const start = Date.now() - 24 * 3600 * 1000;
    const rows = probeEntries().map((entry, index) => ({
      projectId: project!.id,
      channel: entry.channel,
      direction: "internal" as const,
      occurredAt: new Date(start + index * 60_000),
      subject: entry.subject,
      body: entry.body.doc,
      bodyHtml: entry.body.html,
      bodyText: entry.body.text,
      details: entry.details,
      authorId: anna!.id,
      authorOrganizationId: anna!.organizationId,
      audienceId: presetAudience("internal"),
    }));
    for (let offset = 0; offset < rows.length; offset += 100) {
      await tx.insert(entries).values(rows.slice(offset, offset + 100));
    }
  });
}

await disconnect();
console.log(`e2e database ready in ${path.relative(process.cwd(), dataDir)}`);
