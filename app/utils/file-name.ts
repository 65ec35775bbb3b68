/** Bidirectional controls and marks: they make "report‮fdp.exe" read as "reportexe.pdf". */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// Control characters, and the characters Windows refuses in names.
const CONTROL = /[\p{Cc}\p{Cf}<>:"|?*]/gu;
const MAX_NAME = 180;

/**
 * A file name safe to store and show: no folders, no control or bidi characters, no leading
 * dots, at most 180 characters with the extension kept. Never used as a storage path.
 */
export function sanitizeFileName(raw: string): string {
  const lastPart = raw.split(/[\\/]/).pop() ?? "";
  let name = lastPart
    .normalize("NFC")
    .replace(BIDI, "")
    .replace(CONTROL, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (name.length > MAX_NAME) {
    const dot = name.lastIndexOf(".");
    const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : "";
    name = name.slice(0, MAX_NAME - extension.length).trimEnd() + extension;
  }
  return name || "file";
}

/** The lower-case extension without the dot, or "" when there is none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/** A document's default title: the file name without its extension. */
export function titleFromFileName(name: string): string {
  const dot = name.lastIndexOf(".");
  return (dot > 0 ? name.slice(0, dot) : name).replace(/[_]+/g, " ").trim() || name;
}
