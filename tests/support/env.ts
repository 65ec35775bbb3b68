import { resetEnvCache } from "~/kernel/env.server";

/** Sets environment variables for the rest of the file (or until restored) and re-reads them. */
export function setEnv(values: Record<string, string | undefined>) {
  const previous = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  apply(values);
  return () => apply(previous);
}

function apply(values: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvCache();
}
