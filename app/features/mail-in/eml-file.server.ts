import { createHash, randomUUID } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ReceivedFile } from "~/kernel/files/upload.server";
import { uploadTempDir } from "~/kernel/storage/storage.server";

/**
 * A received message as the `.eml` pipeline takes it: a temporary file, removed again when `withFile`
 * is done with it, whatever happens.
 */
export async function withEmlFile<T>(
  raw: Buffer,
  name: string,
  withFile: (file: ReceivedFile) => Promise<T>,
) {
  const file = path.join(await uploadTempDir(), `${randomUUID()}.eml`);
  await writeFile(file, raw);
  try {
    return await withFile({
      field: "eml",
      name,
      path: file,
      size: raw.byteLength,
      sha256: createHash("sha256").update(raw).digest("hex"),
      kind: "email",
      contentType: "message/rfc822",
    });
  } finally {
    await rm(file, { force: true });
  }
}
