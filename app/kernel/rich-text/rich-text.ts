// What the entry editor offers, shared by the browser's editor and the server's validator: the
// server accepts exactly these node and mark types and nothing else.
export const richTextNodes = [
  "doc",
  "paragraph",
  "text",
  "hardBreak",
  "bulletList",
  "orderedList",
  "listItem",
  "blockquote",
] as const;

export const richTextMarks = ["bold", "italic", "strike", "link"] as const;

export const linkProtocols = ["http:", "https:", "mailto:"] as const;

/** The `rel` every rendered link carries: no opener, no referrer, no endorsement. */
export const linkRel = "noopener noreferrer nofollow";

export type RichTextDoc = { type: "doc"; content?: RichTextNode[] };
export type RichTextMark = { type: string; attrs?: Record<string, unknown> };
export type RichTextNode = {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: RichTextMark[];
  content?: RichTextNode[];
};

/** A document with one paragraph of plain text (seeds, imports, a fallback). */
export function plainTextDoc(text: string): RichTextDoc {
  const paragraphs = text.split(/\n{2,}/).filter((part) => part.trim() !== "");
  return {
    type: "doc",
    content: paragraphs.map((part) => ({
      type: "paragraph",
      content: part
        .split("\n")
        .flatMap((line, index): RichTextNode[] => [
          ...(index > 0 ? [{ type: "hardBreak" }] : []),
          ...(line ? [{ type: "text", text: line }] : []),
        ]),
    })),
  };
}

/** Is a link target one of the allowed protocols (checked on both sides of the wire)? */
export function isAllowedHref(href: unknown): href is string {
  if (typeof href !== "string" || href.length > 2000) return false;
  try {
    return (linkProtocols as readonly string[]).includes(new URL(href).protocol);
  } catch {
    return false;
  }
}
