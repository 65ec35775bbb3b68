import { isAllowedHref, type RichTextDoc, type RichTextNode } from "~/kernel/rich-text/rich-text";

/*
 * An email's HTML turned into the editor's JSON: paragraphs, line breaks, lists, bold, italic,
 * strikethrough and links with allowed targets; every other tag is dropped and its text kept.
 * This is no sanitiser: the result goes through renderRichText like a typed note, which
 * accepts only the editor's nodes and escapes every text (ADR 0008). A mistake here can lose
 * formatting, never let markup through.
 */

const MAX_HTML = 512 * 1024;
// Their content is no text a reader should see.
const SKIPPED = new Set(["script", "style", "head", "title", "template", "svg", "math", "object"]);
const BLOCKS = new Set([
  "p",
  "div",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "tr",
  "table",
  "section",
  "article",
  "header",
  "footer",
  "address",
  "pre",
  "hr",
  "center",
  "dl",
  "dt",
  "dd",
  "body",
]);
const MARKS: Record<string, "bold" | "italic" | "strike"> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  s: "strike",
  strike: "strike",
  del: "strike",
};
const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  auml: "ä",
  ouml: "ö",
  uuml: "ü",
  Auml: "Ä",
  Ouml: "Ö",
  Uuml: "Ü",
  szlig: "ß",
  eacute: "é",
  egrave: "è",
  euro: "€",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  laquo: "«",
  raquo: "»",
  bdquo: "„",
  ldquo: "“",
  rdquo: "”",
  lsquo: "‘",
  rsquo: "’",
  sbquo: "‚",
  copy: "©",
  reg: "®",
  bull: "•",
  middot: "·",
  shy: "",
  zwnj: "",
};

export function decodeEntities(value: string) {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff && code !== 0
        ? String.fromCodePoint(code)
        : "";
    }
    return NAMED[name] ?? whole;
  });
}

function hrefOf(attributes: string) {
  const match = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
  const href = decodeEntities((match?.[1] ?? match?.[2] ?? match?.[3] ?? "").trim());
  return isAllowedHref(href) ? href : null;
}

/** The editor's document of an email's HTML (empty when it has no visible text). */
export function htmlToDoc(source: string): RichTextDoc {
  const html = source.slice(0, MAX_HTML).replace(/<!--[\s\S]*?(-->|$)/g, "");
  const blocks: RichTextNode[] = [];
  let inline: RichTextNode[] = [];
  let list: RichTextNode | null = null;
  let listDepth = 0;
  let pre = 0;
  const marks = { bold: 0, italic: 0, strike: 0 };
  const links: (string | null)[] = [];

  const flush = () => {
    while (inline[0]?.type === "hardBreak") inline.shift();
    while (inline.at(-1)?.type === "hardBreak") inline.pop();
    const first = inline[0];
    const last = inline.at(-1);
    if (first?.text !== undefined) first.text = first.text.trimStart();
    if (last?.text !== undefined) last.text = last.text.trimEnd();
    const content = inline.filter((node) => node.type !== "text" || node.text);
    inline = [];
    if (!content.some((node) => node.type === "text")) return;
    const paragraph = { type: "paragraph", content };
    if (list) list.content!.push({ type: "listItem", content: [paragraph] });
    else blocks.push(paragraph);
  };
  const addText = (raw: string) => {
    let text = decodeEntities(raw);
    if (!pre) text = text.replace(/\s+/g, " ");
    if (!text) return;
    const lines = pre ? text.split("\n") : [text];
    const applied = [
      ...(links.at(-1) ? [{ type: "link", attrs: { href: links.at(-1)! } }] : []),
      ...(["bold", "italic", "strike"] as const)
        .filter((mark) => marks[mark] > 0)
        .map((type) => ({ type })),
    ];
    lines.forEach((line, index) => {
      if (index > 0) inline.push({ type: "hardBreak" });
      // A space at the start of a paragraph is no content.
      if (!line || (line === " " && inline.length === 0)) return;
      inline.push(
        applied.length
          ? { type: "text", text: line, marks: applied }
          : { type: "text", text: line },
      );
    });
  };

  const lower = html.toLowerCase();
  const onTag = (inner: string) => {
    const match = /^(\/?)([a-zA-Z][a-zA-Z0-9]*)([\s\S]*)$/.exec(inner);
    const name = match?.[2]?.toLowerCase();
    if (!match || !name) return;
    const closing = match[1] === "/";
    if (name === "br") inline.push({ type: "hardBreak" });
    else if (MARKS[name]) marks[MARKS[name]] = Math.max(0, marks[MARKS[name]] + (closing ? -1 : 1));
    else if (name === "a") {
      if (closing) links.pop();
      else links.push(hrefOf(match[3] ?? ""));
    } else if (name === "ul" || name === "ol") {
      flush();
      if (closing) {
        listDepth = Math.max(0, listDepth - 1);
        if (listDepth === 0 && list) {
          if (list.content!.length) blocks.push(list);
          list = null;
        }
      } else {
        listDepth += 1;
        list ??= { type: name === "ol" ? "orderedList" : "bulletList", content: [] };
      }
    } else if (name === "li" || BLOCKS.has(name)) {
      flush();
      if (name === "pre") pre = Math.max(0, pre + (closing ? -1 : 1));
    } else if (name === "td" || name === "th") addText(" ");
  };

  // A hand-written scan, linear in the input: a quoted attribute may hold ">", and a tag left
  // open at the end swallows the rest (as in a browser) instead of being searched again.
  let position = 0;
  let textStart = 0;
  while (position < html.length) {
    const open = html.indexOf("<", position);
    if (open < 0) break;
    const next = html[open + 1] ?? "";
    if (!/[a-zA-Z/!?]/.test(next)) {
      position = open + 1;
      continue;
    }
    const element = next !== "!" && next !== "?";
    let close = open + 1;
    let quote = "";
    for (; close < html.length; close++) {
      const char = html[close];
      if (quote) {
        if (char === quote) quote = "";
      } else if (char === ">") break;
      else if (element && (char === '"' || char === "'")) quote = char;
    }
    addText(html.slice(textStart, open));
    if (close >= html.length) {
      textStart = position = html.length;
      break;
    }
    const inner = html.slice(open + 1, close);
    position = textStart = close + 1;
    const name = /^[a-zA-Z][a-zA-Z0-9]*/.exec(inner)?.[0]?.toLowerCase();
    if (name && SKIPPED.has(name)) {
      // Skip to the matching end tag (or the end): its content is never text.
      const ending = lower.indexOf(`</${name}`, position);
      const after = ending < 0 ? -1 : html.indexOf(">", ending);
      position = textStart = after < 0 ? html.length : after + 1;
      continue;
    }
    onTag(inner);
  }
  addText(html.slice(textStart));
  flush();
  // A list left open at the end (TypeScript cannot see the closure assign it).
  const open = list as RichTextNode | null;
  if (open?.content?.length) blocks.push(open);
  return { type: "doc", content: blocks };
}
