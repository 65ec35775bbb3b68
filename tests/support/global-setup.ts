import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { resetEnvCache } from "~/kernel/env.server";
import { createTemplate } from "./database";

declare module "vitest" {
  interface ProvidedContext {
    /** DATA_DIR of the run: the seed's document files live there, shared by every test file. */
    testDataDir: string;
  }
}

/** Migrates and seeds one template per run; each test file then gets its own copy of it. */
export default async function setup(project: TestProject) {
  const started = performance.now();
  const dataDir = await mkdtemp(path.join(tmpdir(), "ambit-test-data-"));
  process.env.DATA_DIR = dataDir;
  resetEnvCache();
  const template = await createTemplate();
  project.provide("testDatabase", template.info);
  project.provide("testDataDir", dataDir);
  if (process.env.AMBIT_TEST_TIMINGS) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(`test template (${template.info.kind}) ready in ${seconds}s\n`);
  }
  return async () => {
    await template.dispose();
    await rm(dataDir, { recursive: true, force: true });
  };
}
