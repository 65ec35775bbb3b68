import {
  isAllowedHref,
  linkRel,
  richTextMarks,
  richTextNodes,
  type RichTextDoc,
  type RichTextMark,
  type RichTextNode,
} from "~/kernel/rich-text/rich-text";

/*
 * Entry bodies arrive as tiptap JSON. Instead of sanitising HTML after the fact, the server
 * accepts only the node and mark types the editor offers, keeps only the attributes we render,
 * and writes the HTML itself with every text escaped: there is no path by which a stored
 * attribute or tag reaches the page unescaped.
 */

export type RichTextError = "invalid" | "unsupported" | "badLink" | "tooLarge" | "tooDeep";

export type RenderedRichText = { doc: RichTextDoc; html: string; text: string };

const MAX_DEPTH = 12;
const MAX_NODES = 20_000;
const MAX_TEXT = 100_000;

const nodeTypes = new Set<string>(richTextNodes);
const markTypes = new Set<string>(richTextMarks);
// Canonical nesting so equal documents render to equal HTML: the link wraps the emphasis.
const markOrder = ["link", "bold", "italic", "strike"];

class RichTextRejected extends Error {
  constructor(readonly code: RichTextError) {
    super(code);
  }
}

/** PostgreSQL cannot store NUL in text or jsonb; nothing a person typed needs one. */
export function withoutNul(value: string) {
  return value.replaceAll("\u0000", "");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

type Budget = { nodes: number; text: number };

function cleanMarks(raw: unknown): RichTextMark[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) throw new RichTextRejected("invalid");
  const marks = new Map<string, RichTextMark>();
  for (const mark of raw) {
    if (!isRecord(mark) || typeof mark.type !== "string") throw new RichTextRejected("invalid");
    if (!markTypes.has(mark.type)) throw new RichTextRejected("unsupported");
    if (mark.type === "link") {
      const href = isRecord(mark.attrs) ? mark.attrs.href : undefined;
      if (!isAllowedHref(href)) throw new RichTextRejected("badLink");
      marks.set("link", { type: "link", attrs: { href: withoutNul(href) } });
    } else {
      marks.set(mark.type, { type: mark.type });
    }
  }
  const ordered = markOrder.flatMap((type) => marks.get(type) ?? []);
  return ordered.length > 0 ? ordered : undefined;
}

function cleanNode(raw: unknown, depth: number, budget: Budget): RichTextNode {
  if (depth > MAX_DEPTH) throw new RichTextRejected("tooDeep");
  if (++budget.nodes > MAX_NODES) throw new RichTextRejected("tooLarge");
  if (!isRecord(raw) || typeof raw.type !== "string") throw new RichTextRejected("invalid");
  if (!nodeTypes.has(raw.type) || raw.type === "doc") throw new RichTextRejected("unsupported");
  if (raw.type === "text") {
    if (typeof raw.text !== "string") throw new RichTextRejected("invalid");
    const text = withoutNul(raw.text);
    budget.text += text.length;
    if (budget.text > MAX_TEXT) throw new RichTextRejected("tooLarge");
    const marks = cleanMarks(raw.marks);
    return marks ? { type: "text", text, marks } : { type: "text", text };
  }
  if (raw.marks !== undefined) throw new RichTextRejected("unsupported");
  const node: RichTextNode = { type: raw.type };
  if (raw.type === "orderedList" && isRecord(raw.attrs)) {
    const start = raw.attrs.start;
    if (Number.isInteger(start) && (start as number) > 1 && (start as number) < 100_000) {
      node.attrs = { start };
    }
  }
  if (raw.content !== undefined) {
    if (!Array.isArray(raw.content)) throw new RichTextRejected("invalid");
    node.content = raw.content.map((child) => cleanNode(child, depth + 1, budget));
  }
  return node;
}

const escapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string) {
  return value.replace(/[&<>"']/g, (char) => escapes[char]!);
}

function markTags(mark: RichTextMark): [string, string] {
  switch (mark.type) {
    case "link":
      return [
        `<a href="${escapeHtml(String(mark.attrs?.href))}" rel="${linkRel}" target="_blank">`,
        "</a>",
      ];
    case "bold":
      return ["<strong>", "</strong>"];
    case "italic":
      return ["<em>", "</em>"];
    default:
      return ["<s>", "</s>"];
  }
}

const blockTags: Record<string, string> = {
  paragraph: "p",
  bulletList: "ul",
  orderedList: "ol",
  listItem: "li",
  blockquote: "blockquote",
};

function renderNode(node: RichTextNode): string {
  if (node.type === "text") {
    return (node.marks ?? []).reduceRight(
      (inner, mark) => {
        const [open, close] = markTags(mark);
        return open + inner + close;
      },
      escapeHtml(node.text ?? ""),
    );
  }
  if (node.type === "hardBreak") return "<br>";
  const tag = blockTags[node.type]!;
  const start = node.attrs?.start ? ` start="${Number(node.attrs.start)}"` : "";
  return `<${tag}${start}>${(node.content ?? []).map(renderNode).join("")}</${tag}>`;
}

function textOf(node: RichTextNode): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  const inner = (node.content ?? []).map(textOf);
  if (node.type === "bulletList" || node.type === "orderedList") {
    return inner.map((item) => `- ${item}`).join("\n");
  }
  if (node.type === "listItem") return inner.join(" ");
  // A paragraph's pieces are runs of one line ("Guten " + bold "Herr Kurz").
  if (node.type === "paragraph") return inner.join("");
  return inner.join("\n");
}

/**
 * The editor's JSON, accepted only when every node and mark is one the editor offers, with its
 * server-rendered HTML and the plain text kept for search. Empty paragraphs count as no body.
 */
export function renderRichText(
  raw: unknown,
): { ok: true; value: RenderedRichText } | { ok: false; error: RichTextError } {
  try {
    if (!isRecord(raw) || raw.type !== "doc") throw new RichTextRejected("invalid");
    if (raw.content !== undefined && !Array.isArray(raw.content)) {
      throw new RichTextRejected("invalid");
    }
    const budget = { nodes: 0, text: 0 };
    const content = ((raw.content as unknown[] | undefined) ?? []).map((child) =>
      cleanNode(child, 1, budget),
    );
    const doc: RichTextDoc = { type: "doc", content };
    const text = content
      .map(textOf)
      .join("\n\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
    const html = text === "" ? "" : content.map(renderNode).join("");
    return { ok: true, value: { doc, html, text } };
  } catch (error) {
    if (error instanceof RichTextRejected) return { ok: false, error: error.code };
    throw error;
  }
}

/** Parses the editor's hidden JSON field; an empty field is an empty body. */
export function parseRichTextField(value: unknown) {
  if (typeof value !== "string" || value.trim() === "") {
    return renderRichText({ type: "doc", content: [] });
  }
  if (value.length > MAX_TEXT * 10) return { ok: false as const, error: "tooLarge" as const };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { ok: false as const, error: "invalid" as const };
  }
  return renderRichText(parsed);
}
