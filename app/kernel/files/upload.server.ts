import { createHash, randomUUID } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { finished } from "node:stream/promises";
import type { DocumentKind } from "#db/schema/values";
import {
  ACTIVE_MARKUP,
  checkFile,
  type FileEvidence,
  type RefusalReason,
} from "~/kernel/files/file-check.server";
import {
  boundaryOf,
  MalformedMultipart,
  streamMultipart,
  type MultipartPart,
} from "~/kernel/files/multipart.server";
import { uploadTempDir } from "~/kernel/storage/storage.server";
import { env } from "~/kernel/env.server";
import { sanitizeFileName } from "~/kernel/files/file-name";

/** A file that passed every check, waiting in the temporary folder to be kept. */
export type ReceivedFile = {
  field: string;
  name: string;
  path: string;
  size: number;
  sha256: string;
  kind: DocumentKind;
  contentType: string;
};

/** A file that was not kept, named as the user sent it (sanitised) with the reason. */
export type RefusedFile = { field: string; name: string; reason: RefusalReason; detail?: string };

export type ReceivedUpload = {
  fields: Map<string, string[]>;
  files: ReceivedFile[];
  refused: RefusedFile[];
  /** Removes the temporary files; call it in `finally`, whatever happened. */
  cleanup: () => Promise<void>;
};

/** The request as a whole is refused (not a single file): too large, or not a form. */
export class UploadRejected extends Error {
  constructor(readonly reason: "tooLarge" | "notMultipart" | "tooManyFiles") {
    super(reason);
  }
}

/** How much of a file's start and end the checks see (file-check.server.ts). */
export const HEAD = 64 * 1024;
// A ZIP's end record (22 bytes) may follow a comment of up to 65,535: all of it must be seen.
export const TAIL = 22 + 65_535;
/** Text fields: the editor's JSON of a long entry runs to about a megabyte. */
const MAX_FIELD = 2 * 1024 * 1024;
export const MAX_FILES_PER_REQUEST = 20;

export const uploadLimitBytes = () => env().UPLOAD_MAX_MB * 1024 * 1024;

/** Keeps the last `size` bytes seen. */
function tailKeeper(size: number) {
  let tail = new Uint8Array(0);
  return {
    push(chunk: Uint8Array) {
      if (chunk.byteLength >= size) {
        tail = chunk.slice(chunk.byteLength - size);
        return;
      }
      const merged = new Uint8Array(Math.min(size, tail.byteLength + chunk.byteLength));
      const keep = merged.byteLength - chunk.byteLength;
      merged.set(tail.subarray(tail.byteLength - keep), 0);
      merged.set(chunk, keep);
      tail = merged;
    },
    get: () => tail,
  };
}

/** Finds the markup strings across chunk borders, case-insensitively. */
function markupScanner() {
  const longest = Math.max(...ACTIVE_MARKUP.map((marker) => marker.length));
  const found = new Set<string>();
  let carry = "";
  return {
    push(chunk: Uint8Array) {
      const text =
        carry +
        Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
          .toString("latin1")
          .toLowerCase();
      for (const marker of ACTIVE_MARKUP) if (text.includes(marker)) found.add(marker);
      carry = text.slice(-longest);
    },
    get: () => [...found],
  };
}

/**
 * Streams a multipart upload: each file goes to a temporary file while it is hashed, measured
 * and scanned; at the size limit writing stops and the rest of that file is only counted. Then
 * every file is checked against the allowlist. Nothing is kept here: the caller keeps what it
 * wants and calls `cleanup`.
 */
export async function receiveUpload(request: Request): Promise<ReceivedUpload> {
  const boundary = boundaryOf(request.headers.get("content-type") ?? "");
  const body = request.body;
  if (!boundary || !body) throw new UploadRejected("notMultipart");
  const limit = uploadLimitBytes();
  // Far beyond what the form could carry: refuse before reading a byte.
  const declared = Number(request.headers.get("content-length") ?? "0");
  const requestLimit = limit * MAX_FILES_PER_REQUEST + 1024 * 1024;
  if (declared > requestLimit) throw new UploadRejected("tooLarge");

  const tempDir = await uploadTempDir();
  const temporary: string[] = [];
  const fields = new Map<string, string[]>();
  const files: ReceivedFile[] = [];
  const refused: RefusedFile[] = [];
  const cleanup = async () => {
    await Promise.all(temporary.map((file) => rm(file, { force: true })));
  };
  let total = 0;
  let fileCount = 0;

  const handle = async (part: MultipartPart) => {
    if (part.filename === undefined) {
      // One decoder for the whole field: a character split across two chunks stays whole.
      const decoder = new TextDecoder();
      let text = "";
      for await (const chunk of part.data) {
        total += chunk.byteLength;
        if (total > requestLimit) throw new UploadRejected("tooLarge");
        if (text.length < MAX_FIELD) text += decoder.decode(chunk, { stream: true });
      }
      text += decoder.decode();
      fields.set(part.name, [...(fields.get(part.name) ?? []), text.slice(0, MAX_FIELD)]);
      return;
    }
    const name = sanitizeFileName(part.filename);
    // An empty file input still sends a part with no name and no bytes.
    if (part.filename === "") {
      for await (const chunk of part.data) {
        total += chunk.byteLength;
        if (total > requestLimit) throw new UploadRejected("tooLarge");
      }
      return;
    }
    fileCount += 1;
    if (fileCount > MAX_FILES_PER_REQUEST) throw new UploadRejected("tooManyFiles");
    const file = path.join(tempDir, `${randomUUID()}.upload`);
    temporary.push(file);
    const out = createWriteStream(file);
    const hash = createHash("sha256");
    const tail = tailKeeper(TAIL);
    const markup = markupScanner();
    const head: Uint8Array[] = [];
    let headSize = 0;
    let size = 0;
    let hasNul = false;
    try {
      for await (const chunk of part.data) {
        total += chunk.byteLength;
        if (total > requestLimit) throw new UploadRejected("tooLarge");
        size += chunk.byteLength;
        if (size > limit) continue;
        if (headSize < HEAD) {
          // A copy: the parser may reuse the chunk's memory for the next one.
          head.push(chunk.slice(0, HEAD - headSize));
          headSize += Math.min(chunk.byteLength, HEAD - headSize);
        }
        hash.update(chunk);
        tail.push(chunk);
        markup.push(chunk);
        if (!hasNul && chunk.includes(0)) hasNul = true;
        if (!out.write(chunk)) await once(out, "drain");
      }
      out.end();
      await finished(out);
    } catch (error) {
      // Closed before `cleanup` removes it: a write stream still opening would recreate the file.
      out.destroy();
      await finished(out).catch(() => undefined);
      throw error;
    }
    if (size > limit) {
      refused.push({ field: part.name, name, reason: "tooLarge" });
      await rm(file, { force: true });
      return;
    }
    const evidence: FileEvidence = {
      name,
      size,
      head: Buffer.concat(head),
      tail: tail.get(),
      markup: markup.get(),
      hasNul,
    };
    const verdict = await checkFile(evidence);
    if (!verdict.ok) {
      refused.push({ field: part.name, name, reason: verdict.reason, detail: verdict.detail });
      await rm(file, { force: true });
      return;
    }
    files.push({
      field: part.name,
      name,
      path: file,
      size,
      sha256: hash.digest("hex"),
      kind: verdict.kind,
      contentType: verdict.contentType,
    });
  };

  try {
    for await (const part of streamMultipart(body, boundary)) await handle(part);
  } catch (error) {
    await cleanup();
    if (error instanceof UploadRejected) throw error;
    // A broken body, or a cancelled stream: nothing was kept, and there is nobody left to answer.
    if (error instanceof MalformedMultipart || error instanceof TypeError) {
      throw new UploadRejected("notMultipart");
    }
    throw error;
  }
  return { fields, files, refused, cleanup };
}
