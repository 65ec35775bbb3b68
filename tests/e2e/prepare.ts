// Run by the Playwright web server before the app starts (`npx tsx tests/e2e/prepare.ts`):
// a fresh database in E2E_DATA_DIR with the demo world and the e2e-only users added to it.
import { rmSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { connect, disconnect } from "../../db/client.server";
import { organizations, users } from "../../db/schema";
import { seedDemoWorld } from "../../db/seed/demo-world";
import { hashPassword } from "../../app/utils/password.server";
import { e2eUsers, PASSWORD, PROBE_ORGANIZATION } from "./support/users";

const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? ".cache/e2e-data");
rmSync(dataDir, { recursive: true, force: true });

const handle = await connect({ DATA_DIR: dataDir });
await handle.migrate();
await seedDemoWorld(handle.db);

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

await disconnect();
console.log(`e2e database ready in ${path.relative(process.cwd(), dataDir)}`);
