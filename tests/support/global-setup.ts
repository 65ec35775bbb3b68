import type { TestProject } from "vitest/node";
import { createTemplate } from "./database";

/** Migrates and seeds one template per run; each test file then gets its own copy of it. */
export default async function setup(project: TestProject) {
  const started = performance.now();
  const template = await createTemplate();
  project.provide("testDatabase", template.info);
  if (process.env.AMBIT_TEST_TIMINGS) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(`test template (${template.info.kind}) ready in ${seconds}s\n`);
  }
  return () => template.dispose();
}
