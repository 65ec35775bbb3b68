import { mkdir } from "node:fs/promises";
import path from "node:path";
import { env } from "~/kernel/env.server";
import type { FileStorage } from "./file-storage";
import { localStorage } from "./local.server";

export type { FileStorage, LocalFile, StoredObject } from "./file-storage";
export { localStorage } from "./local.server";

let cached: { config: string; storage: FileStorage } | undefined;
let override: FileStorage | undefined;

/** The configured storage: UploadThing when `UPLOADTHING_TOKEN` is set, else local disk. */
export async function storage(): Promise<FileStorage> {
  if (override) return override;
  const config = env();
  const signature = JSON.stringify([config.DATA_DIR, config.UPLOADTHING_TOKEN ?? null]);
  if (cached?.config !== signature) {
    const chosen = config.UPLOADTHING_TOKEN
      ? (await import("./uploadthing.server")).uploadThingStorage(config)
      : localStorage(path.resolve(config.DATA_DIR, "files"));
    cached = { config: signature, storage: chosen };
  }
  return cached.storage;
}

/** Tests and tools point the app at a storage of their own; `undefined` restores the default. */
export function useStorage(chosen: FileStorage | undefined) {
  override = chosen;
}

/** Where uploads are streamed to before they are checked and kept. */
export async function uploadTempDir() {
  const dir = path.resolve(env().DATA_DIR, "uploads-tmp");
  await mkdir(dir, { recursive: true });
  return dir;
}
