import { openAsBlob } from "node:fs";
import { UTApi } from "uploadthing/server";
import type { Env } from "~/kernel/env.server";
import { assertStorageKey, type FileStorage } from "./file-storage";

/** Settings the environment does not carry: tests point the file host at a local fake. */
export type UploadThingOverrides = {
  ufsHost?: string;
  ufsAppIdLocation?: "subdomain" | "path";
  fetch?: typeof globalThis.fetch;
  /** Files per listFiles request. */
  pageSize?: number;
};

const PAGE = 500;
const DELETE_BATCH = 100;
// Long enough to stream a large file to the browser; the URL never leaves the server.
const SIGNED_URL_SECONDS = 300;

/**
 * UploadThing as document storage: every file private, stored under our key as `customId`, so
 * put/read/remove/list all work by our key and UploadThing's own file keys never matter.
 */
export function uploadThingStorage(
  config: Pick<Env, "UPLOADTHING_TOKEN" | "UPLOADTHING_API_URL" | "UPLOADTHING_INGEST_URL">,
  overrides: UploadThingOverrides = {},
): FileStorage {
  if (!config.UPLOADTHING_TOKEN) throw new Error("UPLOADTHING_TOKEN is not set");
  const { pageSize = PAGE, ...apiOverrides } = overrides;
  const api = new UTApi({
    token: config.UPLOADTHING_TOKEN,
    apiUrl: config.UPLOADTHING_API_URL,
    ingestUrl: config.UPLOADTHING_INGEST_URL,
    defaultKeyType: "customId",
    logLevel: "Error",
    ...apiOverrides,
  });
  const fetcher = overrides.fetch ?? globalThis.fetch;

  return {
    kind: "uploadthing",
    async put(key, file) {
      assertStorageKey(key);
      // A file-backed blob: the upload streams from disk instead of holding the file in memory.
      const blob = await openAsBlob(file.path, { type: file.contentType });
      // The user's file name stays with us; UploadThing only ever sees our random key.
      const upload = Object.assign(new File([blob], key, { type: file.contentType }), {
        customId: key,
      });
      const result = await api.uploadFiles(upload, {
        acl: "private",
        contentDisposition: "attachment",
      });
      if (result.error) {
        throw new Error(
          `UploadThing refused the upload: ${result.error.code} ${result.error.message}`,
        );
      }
    },
    async read(key) {
      assertStorageKey(key);
      // Files are reachable by custom id; the signature is made locally, without a request.
      const { ufsUrl } = await api.generateSignedURL(key, { expiresIn: SIGNED_URL_SECONDS });
      const response = await fetcher(ufsUrl);
      if (response.status === 404) {
        await response.body?.cancel();
        return undefined;
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        throw new Error(`UploadThing answered ${response.status} for a stored file`);
      }
      const size = Number(response.headers.get("content-length") ?? "NaN");
      if (Number.isFinite(size)) return { body: response.body, size };
      // Without a length (a chunked answer) the download needs one: read the file to count it.
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { body: new Response(bytes).body!, size: bytes.byteLength };
    },
    async remove(keys) {
      for (let start = 0; start < keys.length; start += DELETE_BATCH) {
        const batch = keys.slice(start, start + DELETE_BATCH);
        batch.forEach(assertStorageKey);
        await api.deleteFiles(batch, { keyType: "customId" });
      }
    },
    async *list() {
      for (let offset = 0; ; offset += pageSize) {
        const page = await api.listFiles({ limit: pageSize, offset });
        for (const file of page.files) {
          // Files without our key were not put here by Ambit; the sweep must not touch them.
          if (!file.customId || file.status === "Deletion Pending") continue;
          yield { key: file.customId, size: file.size, modifiedAt: new Date(file.uploadedAt) };
        }
        if (!page.hasMore || page.files.length === 0) return;
      }
    },
  };
}
