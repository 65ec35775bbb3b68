import { createReadStream } from "node:fs";
import { copyFile, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { env } from "~/utils/env.server";

/** A stored file as the storage lists it (for the sweep of files nobody refers to). */
export type StoredObject = { key: string; size: number; modifiedAt: Date };

/** A finished upload on local disk, about to be kept. */
export type LocalFile = { path: string; size: number; contentType: string; name: string };

/**
 * Where document files live: local disk by default, UploadThing when configured. Keys are ours
 * (random, generated on upload); a file name never becomes a path.
 */
export type FileStorage = {
  readonly kind: "local" | "uploadthing";
  put(key: string, file: LocalFile): Promise<void>;
  /** The file's bytes as a stream, or undefined when nothing is stored under the key. */
  read(key: string): Promise<{ body: ReadableStream<Uint8Array>; size: number } | undefined>;
  remove(keys: string[]): Promise<void>;
  list(): AsyncIterable<StoredObject>;
};

const KEY = /^[a-z0-9][a-z0-9-]{7,120}$/;

export function assertStorageKey(key: string) {
  if (!KEY.test(key)) throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
}

/** Files in `root/<first two characters>/<key>`, so no directory grows too large. */
export function localStorage(root: string): FileStorage {
  const fileOf = (key: string) => {
    assertStorageKey(key);
    return path.join(root, key.slice(0, 2), key);
  };
  return {
    kind: "local",
    async put(key, file) {
      const target = fileOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      const partial = `${target}.partial`;
      // Copy then rename: a crash leaves a `.partial` the sweep removes, never half a file.
      await copyFile(file.path, partial);
      await rename(partial, target);
    },
    async read(key) {
      const file = fileOf(key);
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) return undefined;
      const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
      return { body, size: info.size };
    },
    async remove(keys) {
      await Promise.all(
        keys.map(async (key) => {
          const file = fileOf(key.replace(/\.partial$/, ""));
          await rm(key.endsWith(".partial") ? `${file}.partial` : file, { force: true });
        }),
      );
    },
    async *list() {
      const shards = await readdir(root, { withFileTypes: true }).catch(() => []);
      for (const shard of shards) {
        if (!shard.isDirectory()) continue;
        const names = await readdir(path.join(root, shard.name)).catch(() => []);
        for (const name of names) {
          const info = await stat(path.join(root, shard.name, name)).catch(() => undefined);
          if (info?.isFile()) yield { key: name, size: info.size, modifiedAt: info.mtime };
        }
      }
    },
  };
}

let cached: { config: string; storage: FileStorage } | undefined;
let override: FileStorage | undefined;

/** The configured storage: UploadThing when `UPLOADTHING_TOKEN` is set, else local disk. */
export async function storage(): Promise<FileStorage> {
  if (override) return override;
  const config = env();
  const signature = JSON.stringify([config.DATA_DIR, config.UPLOADTHING_TOKEN ?? null]);
  if (cached?.config !== signature) {
    const chosen = config.UPLOADTHING_TOKEN
      ? (await import("./storage-uploadthing.server")).uploadThingStorage(config)
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
