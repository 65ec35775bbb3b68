import contentDisposition from "content-disposition";
import { storage } from "~/kernel/storage/storage.server";
import { previewable } from "~/kernel/files/file-check.server";

export type FileDisposition = "attachment" | "inline";

/**
 * What a browser may do with a file we serve inline: show it, nothing else. No scripts, no
 * forms, framed only by our own pages.
 */
export const INLINE_FILE_CSP =
  "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'";

/**
 * A stored file as a response: the type we decided at upload (never the browser's guess),
 * the name per RFC 6266 (an ASCII fallback and the UTF-8 name), and no caching by anyone else.
 * Inline only for PDFs and raster images; everything else downloads whatever was asked.
 */
export async function fileResponse(
  file: { storageKey: string; fileName: string; contentType: string; sha256?: string },
  disposition: FileDisposition,
) {
  const stored = await (await storage()).read(file.storageKey);
  if (!stored) return new Response("Not Found", { status: 404 });
  const inline = disposition === "inline" && previewable(file.contentType);
  const headers = new Headers({
    "Content-Type": file.contentType,
    "Content-Length": String(stored.size),
    "Content-Disposition": contentDisposition(file.fileName, {
      type: inline ? "inline" : "attachment",
    }),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Referrer-Policy": "no-referrer",
  });
  headers.set("Content-Security-Policy", inline ? INLINE_FILE_CSP : "sandbox; default-src 'none'");
  if (file.sha256) headers.set("ETag", `"${file.sha256}"`);
  return new Response(stored.body, { status: 200, headers });
}
