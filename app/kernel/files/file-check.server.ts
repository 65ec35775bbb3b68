import { fileTypeFromBuffer } from "file-type";
import type { DocumentKind } from "#db/schema/values";
import { extensionOf } from "~/kernel/files/file-name";

/** What we keep, by extension: the type we serve it as, and what its content must look like. */
type Accepted = { kind: DocumentKind; contentType: string; content: readonly string[] | "text" };

const OFFICE_ZIP = "application/zip";
const CFB = "application/x-cfb";
const ACCEPTED: Record<string, Accepted> = {
  pdf: { kind: "pdf", contentType: "application/pdf", content: ["application/pdf"] },
  png: { kind: "image", contentType: "image/png", content: ["image/png"] },
  jpg: { kind: "image", contentType: "image/jpeg", content: ["image/jpeg"] },
  jpeg: { kind: "image", contentType: "image/jpeg", content: ["image/jpeg"] },
  webp: { kind: "image", contentType: "image/webp", content: ["image/webp"] },
  gif: { kind: "image", contentType: "image/gif", content: ["image/gif"] },
  docx: office("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
  xlsx: office("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
  pptx: office("application/vnd.openxmlformats-officedocument.presentationml.presentation"),
  odt: office("application/vnd.oasis.opendocument.text"),
  ods: office("application/vnd.oasis.opendocument.spreadsheet"),
  odp: office("application/vnd.oasis.opendocument.presentation"),
  doc: { kind: "office", contentType: "application/msword", content: [CFB] },
  xls: { kind: "office", contentType: "application/vnd.ms-excel", content: [CFB] },
  ppt: { kind: "office", contentType: "application/vnd.ms-powerpoint", content: [CFB] },
  txt: { kind: "text", contentType: "text/plain; charset=utf-8", content: "text" },
  csv: { kind: "text", contentType: "text/csv; charset=utf-8", content: "text" },
  eml: { kind: "email", contentType: "message/rfc822", content: "text" },
};

function office(contentType: string): Accepted {
  return { kind: "office", contentType, content: [contentType] };
}

/** Why a file was not kept; each has its own sentence in the interface. */
export type RefusalReason =
  | "empty"
  | "tooLarge"
  | "html"
  | "svg"
  | "program"
  | "archive"
  | "notAllowed"
  | "mismatch"
  | "polyglot"
  | "notText";

const REFUSED_EXTENSIONS: Record<string, RefusalReason> = {
  ...Object.fromEntries(
    ["html", "htm", "xhtml", "shtml", "mht", "mhtml", "xht"].map((ext) => [ext, "html"]),
  ),
  svg: "svg",
  svgz: "svg",
  ...Object.fromEntries(
    [
      "exe",
      "dll",
      "com",
      "scr",
      "msi",
      "bat",
      "cmd",
      "sh",
      "bash",
      "ps1",
      "vbs",
      "js",
      "mjs",
      "cjs",
      "jar",
      "py",
      "php",
      "pl",
      "rb",
      "app",
      "apk",
      "deb",
      "rpm",
      "elf",
      "bin",
      "wasm",
      "hta",
      "lnk",
      "jse",
      "wsf",
    ].map((ext) => [ext, "program"]),
  ),
  ...Object.fromEntries(
    ["zip", "7z", "rar", "gz", "tgz", "tar", "bz2", "xz", "zst"].map((ext) => [ext, "archive"]),
  ),
};

const PROGRAM_TYPES = [
  "application/x-msdownload",
  "application/x-elf",
  "application/x-mach-binary",
  "application/wasm",
  "application/java-archive",
  "application/x-sh",
];

/** The start of markup a browser would run, found anywhere in a binary file's bytes. */
export const ACTIVE_MARKUP = ["<script", "<html", "<svg", "<iframe", "<!doctype html"];

/** What the upload stream saw of a file, enough to decide without reading it again. */
export type FileEvidence = {
  name: string;
  size: number;
  /** The first 64 KiB. */
  head: Uint8Array;
  /** The last bytes: enough to hold a ZIP end record behind its longest comment (65,557). */
  tail: Uint8Array;
  /** `ACTIVE_MARKUP` strings found anywhere in the file. */
  markup: string[];
  /** Whether any byte was NUL. */
  hasNul: boolean;
};

export type FileVerdict =
  | { ok: true; kind: DocumentKind; contentType: string; extension: string }
  | { ok: false; reason: RefusalReason; detail?: string };

const textStart = (head: Uint8Array) =>
  new TextDecoder("utf-8", { fatal: false })
    .decode(head.subarray(0, 1024))
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();

/** The end-of-central-directory record of a ZIP: a PDF or image ending in one is two files. */
const hasZipDirectory = (tail: Uint8Array) =>
  Buffer.from(tail.buffer, tail.byteOffset, tail.byteLength).includes(
    Buffer.from([0x50, 0x4b, 0x05, 0x06]),
  );

/** Types a refusal names in words (`documents.detectedKinds.<key>`); others by their MIME type. */
const DETECTED_KINDS: Record<string, string> = {
  "application/pdf": "pdf",
  "image/png": "png",
  "image/jpeg": "jpeg",
  "image/webp": "webp",
  "image/gif": "gif",
  "application/zip": "zip",
  "text/html": "html",
  "image/svg+xml": "svg",
};

/** The allowlist: extension and content must agree, and nothing active may hide inside. */
export async function checkFile(evidence: FileEvidence): Promise<FileVerdict> {
  if (evidence.size === 0) return { ok: false, reason: "empty" };
  const extension = extensionOf(evidence.name);
  const refused = REFUSED_EXTENSIONS[extension];
  if (refused) return { ok: false, reason: refused };
  const accepted = ACCEPTED[extension];
  if (!accepted) return { ok: false, reason: "notAllowed" };

  const sniffed = await fileTypeFromBuffer(evidence.head).catch(() => undefined);
  // file-type names any `<?xml` start "application/xml"; an SVG or XHTML page is still markup.
  const textual = !sniffed || sniffed.mime === "application/xml";
  const start = textStart(evidence.head).replace(/^<\?xml[^>]*>\s*/, "");
  if (sniffed && PROGRAM_TYPES.includes(sniffed.mime)) return { ok: false, reason: "program" };
  if (textual && /^<(svg|!doctype svg)/.test(start)) return { ok: false, reason: "svg" };
  if (textual && /^<(!doctype html|html|head|body|script|iframe)/.test(start)) {
    return { ok: false, reason: "html" };
  }
  if (textual && start.startsWith("#!")) return { ok: false, reason: "program" };

  if (accepted.content === "text") {
    if (!textual || evidence.hasNul) {
      return { ok: false, reason: "notText", detail: sniffed ? describe(sniffed.mime) : undefined };
    }
    return { ok: true, kind: accepted.kind, contentType: accepted.contentType, extension };
  }
  if (!sniffed || !accepted.content.includes(sniffed.mime)) {
    const found = sniffed?.mime === OFFICE_ZIP ? "application/zip" : sniffed?.mime;
    return { ok: false, reason: "mismatch", detail: found ? describe(found) : undefined };
  }
  if (evidence.markup.length > 0) {
    return { ok: false, reason: "polyglot", detail: evidence.markup.join(", ") };
  }
  if (accepted.kind !== "office" && hasZipDirectory(evidence.tail)) {
    return { ok: false, reason: "polyglot", detail: "ZIP" };
  }
  return { ok: true, kind: accepted.kind, contentType: accepted.contentType, extension };
}

function describe(mime: string) {
  return DETECTED_KINDS[mime] ?? mime;
}

/** The name of a stored type in the interface (`documents.fileTypes.<key>`): its extension. */
export function fileTypeOf(contentType: string) {
  const found = Object.entries(ACCEPTED).find(
    ([, accepted]) => accepted.contentType === contentType,
  );
  return found?.[0] ?? "other";
}

/** May a browser show this type inline (previews): only PDFs and raster images. */
export function previewable(contentType: string) {
  return contentType === "application/pdf" || /^image\/(png|jpeg|webp|gif)$/.test(contentType);
}
