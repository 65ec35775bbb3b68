import { createReadStream } from "node:fs";
import { copyFile, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { assertStorageKey, type FileStorage } from "./file-storage";

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
