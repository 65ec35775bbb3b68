import { afterAll, beforeAll, inject } from "vitest";
import { useDatabase } from "#db/client.server";
import { resetEnvCache } from "~/kernel/env.server";
import { openTestDatabase, type TestDatabase } from "./database";

// Every test file gets its own clone of the seeded template, so files never see each other.
let current: TestDatabase | undefined;

beforeAll(async () => {
  process.env.DATA_DIR = inject("testDataDir");
  resetEnvCache();
  current = await openTestDatabase(inject("testDatabase"));
  useDatabase(current.handle);
});

afterAll(async () => {
  await current?.dispose();
});
