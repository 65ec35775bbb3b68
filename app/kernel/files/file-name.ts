/** Bidirectional controls and marks: they make "report‮fdp.exe" read as "reportexe.pdf". */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// Control and format characters (but the joiners that hold emoji and many scripts together),
// lone surrogates, and the characters Windows refuses in names.
const UNSAFE = /[\p{Cc}\p{Cs}<>:"|?*]|(?![\u200C\u200D])\p{Cf}/gu;
const MAX_NAME = 180;
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/** At most `max` UTF-16 units of `text`, cut between characters as a reader sees them. */
function cut(text: string, max: number) {
  let kept = "";
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length > max) break;
    kept += segment;
  }
  return kept;
}

/**
 * A file name safe to store and show: no folders, no control or bidi characters, no leading
 * dots, at most 180 characters with the extension kept (never half an emoji or accent). Never
 * used as a storage path.
 */
export function sanitizeFileName(raw: string): string {
  const lastPart = raw.split(/[\\/]/).pop() ?? "";
  const cleaned = lastPart
    .normalize("NFC")
    .replace(BIDI, "")
    .replace(UNSAFE, "")
    .replace(/\s+/g, " ")
    .trim();
  // "<>.pdf" or "..pdf" is left with an extension alone: it gets a name to go with it.
  const extensionOnly = /^[.\s]*(\.[^.\s]+)$/.exec(cleaned);
  let name = (extensionOnly ? `file${extensionOnly[1]}` : cleaned)
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (name.length > MAX_NAME) {
    const dot = name.lastIndexOf(".");
    const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : "";
    name = cut(name, MAX_NAME - extension.length).trimEnd() + extension;
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
