import type { RichTextDoc, RichTextNode } from "~/kernel/rich-text/rich-text";

/*
 * Finding a contact person's email address or phone number in free text and putting something
 * else in its place. Pure string work: which contacts a reader may not see, and what they see
 * instead, is decided by the caller (models/contact-redaction.server.ts, from the policy).
 */

/** What a reader sees instead of a hidden address or phone number, by normalised key. */
export type RedactionRules = {
  /** Lower-cased address → what to show. */
  emails: ReadonlyMap<string, string>;
  /** Phone key (see `phoneKey`) → what to show. */
  phones: ReadonlyMap<string, string>;
  /** A name, matched as whole words whatever the case → what to show (erasure only). */
  names?: ReadonlyMap<string, string>;
};

export const noRedaction: RedactionRules = { emails: new Map(), phones: new Map() };

/** Shorter digit runs are years, amounts and house numbers far more often than phone numbers. */
export const MIN_PHONE_DIGITS = 6;
const MAX_PHONE_DIGITS = 17;
/** Numbers written without a country code are German: the host's own country. */
const HOME_COUNTRY = "49";

/**
 * A phone number as one comparable key: `+49 40 555 0102`, `040 555-0102`, `0049 (0)40 5550102`
 * and `+49 (40) 555 0102` are all `+49405550102`. A number without any prefix (no area code)
 * keeps its bare digits. Null for anything too short or too long to be a phone number.
 */
export function phoneKey(raw: string): string | null {
  // "(0)" is the trunk prefix written next to the country code; it is not dialled from abroad.
  const text = raw.replace(/\(\s*0\s*\)/g, "");
  let digits = text.replace(/\D/g, "");
  if (digits.length < MIN_PHONE_DIGITS || digits.length > MAX_PHONE_DIGITS) return null;
  let international = /^[\s(]*\+/.test(text);
  if (!international && digits.startsWith("00")) {
    digits = digits.slice(2);
    international = true;
  }
  if (!international) {
    return digits.startsWith("0") ? `+${HOME_COUNTRY}${digits.slice(1)}` : digits;
  }
  if (digits.startsWith(HOME_COUNTRY)) {
    return `+${HOME_COUNTRY}${digits.slice(HOME_COUNTRY.length).replace(/^0/, "")}`;
  }
  return `+${digits}`;
}

/** The last digits of a key, for finding candidate contacts in the database cheaply. */
export function phoneTail(key: string) {
  return key.replace(/\D/g, "").slice(-MIN_PHONE_DIGITS);
}

/**
 * Runs of digits with the separators people write inside phone numbers (spaces, dashes, slashes,
 * parentheses), not inside a word: `ID40555010` or `x0405550102` is no phone number.
 */
const RUN = /(?<![\p{L}\p{N}_])[+(]?\d[\d\s\-\u2013/()]*/gu;
const DIGITS = /\d+/g;

type Span = { start: number; end: number; replacement: string };

/**
 * Every way a run could hold a phone number: each group of digits may start one, and it may end
 * after any later group. Calls `visit` with each start and end (offsets in `text`) and the key.
 */
function eachPhoneSpan(
  text: string,
  visit: (start: number, groups: { end: number; key: string }[]) => void,
) {
  for (const run of text.matchAll(RUN)) {
    const base = run.index;
    const groups = [...run[0].matchAll(DIGITS)].map((group) => ({
      start: group.index,
      end: group.index + group[0].length,
      digits: group[0].length,
    }));
    for (let first = 0; first < groups.length; first++) {
      // The run's own prefix (+ or a parenthesis) belongs to its first group.
      const start = first === 0 ? 0 : groups[first]!.start;
      const ends: { end: number; key: string }[] = [];
      let digits = 0;
      for (let last = first; last < groups.length; last++) {
        digits += groups[last]!.digits;
        if (digits > MAX_PHONE_DIGITS + 2) break;
        const key = phoneKey(run[0].slice(start, groups[last]!.end));
        if (key) ends.push({ end: base + groups[last]!.end, key });
      }
      visit(base + start, ends);
    }
  }
}

/** The keys of every phone number that may be written in `text` (for finding contacts). */
export function phoneKeysIn(text: string): string[] {
  const keys = new Set<string>();
  eachPhoneSpan(text, (_start, ends) => {
    for (const { key } of ends) keys.add(key);
  });
  return [...keys];
}

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/** The email addresses written in `text`, lower-cased. */
export function emailsIn(text: string): string[] {
  return [...new Set([...text.matchAll(EMAIL)].map((match) => match[0].toLowerCase()))];
}

/**
 * A name as whole words, whatever the case and however spaced: "Anna Berg" is not found inside
 * "Johanna Bergmann".
 */
export function wholeNamePattern(name: string) {
  const escaped = name
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\s+/g, "\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "giu");
}

const hasRules = (rules: RedactionRules) =>
  rules.emails.size > 0 || rules.phones.size > 0 || (rules.names?.size ?? 0) > 0;

/**
 * Where `text` holds hidden addresses, phone numbers or names, left to right, never
 * overlapping: an address wins over a name inside it.
 */
function hiddenSpans(text: string, rules: RedactionRules): Span[] {
  const spans: Span[] = [];
  if (rules.emails.size) {
    for (const match of text.matchAll(EMAIL)) {
      const replacement = rules.emails.get(match[0].toLowerCase());
      if (replacement !== undefined) {
        spans.push({ start: match.index, end: match.index + match[0].length, replacement });
      }
    }
  }
  if (rules.phones.size) {
    let after = 0;
    eachPhoneSpan(text, (start, ends) => {
      if (start < after) return;
      // The longest reading wins: `+49 40 555 0102` rather than a local `555 0102` inside it.
      const found = ends.findLast(({ key }) => rules.phones.has(key));
      if (!found) return;
      const overlaps = spans.some((span) => span.start < found.end && start < span.end);
      if (!overlaps)
        spans.push({ start, end: found.end, replacement: rules.phones.get(found.key)! });
      after = found.end;
    });
  }
  for (const [name, replacement] of rules.names ?? []) {
    for (const match of text.matchAll(wholeNamePattern(name))) {
      const start = match.index;
      const end = start + match[0].length;
      if (!spans.some((span) => span.start < end && start < span.end)) {
        spans.push({ start, end, replacement });
      }
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** `text` with every hidden address and phone number replaced. */
export function redactText(text: string, rules: RedactionRules): string {
  const spans = hiddenSpans(text, rules);
  if (spans.length === 0) return text;
  let out = "";
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + span.replacement;
    at = span.end;
  }
  return out + text.slice(at);
}

/** Does `text` hold anything the rules hide? */
export function hidesIn(text: string, rules: RedactionRules) {
  return hiddenSpans(text, rules).length > 0;
}

const INLINE = new Set(["text", "hardBreak"]);
/** An inline node as it reads in its paragraph's text. */
const inlineText = (node: RichTextNode) =>
  node.type === "text" ? (node.text ?? "") : node.type === "hardBreak" ? "\n" : "";

/**
 * A paragraph's inline nodes with hidden values replaced. Matched against the paragraph's whole
 * text, so a number split over runs (`+49 40 <b>555</b> 0102`) is found too: the replacement
 * takes the place (and marks) of the run where the number starts, and the rest is dropped.
 */
function redactInline(nodes: RichTextNode[], rules: RedactionRules): RichTextNode[] {
  const pieces = nodes.map(inlineText);
  const spans = hiddenSpans(pieces.join(""), rules);
  const out: RichTextNode[] = [];
  let offset = 0;
  nodes.forEach((node, index) => {
    const from = offset;
    const to = offset + pieces[index]!.length;
    offset = to;
    const inside = spans.filter((span) => span.start < to && span.end > from);
    if (node.type !== "text") {
      // A line break inside a hidden number goes with it.
      if (inside.length === 0) out.push(node);
      return;
    }
    let text = "";
    let at = from;
    for (const span of inside) {
      if (span.start > at) text += pieces[index]!.slice(at - from, span.start - from);
      if (span.start >= from) text += span.replacement;
      at = Math.max(at, Math.min(span.end, to));
    }
    text += pieces[index]!.slice(at - from);
    if (text) out.push(withoutHiddenLink({ ...node, text }, rules));
  });
  return out;
}

/** A link to a hidden address (`mailto:`) or number keeps its text but stops being a link. */
function withoutHiddenLink(node: RichTextNode, rules: RedactionRules): RichTextNode {
  const marks = node.marks?.filter((mark) => {
    if (mark.type !== "link") return true;
    const href = String(mark.attrs?.href ?? "");
    return !hidesIn(safeDecode(href), rules);
  });
  if (!node.marks || marks?.length === node.marks.length) return node;
  const kept: RichTextNode = { ...node };
  if (marks?.length) kept.marks = marks;
  else delete kept.marks;
  return kept;
}

function safeDecode(value: string) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function redactNode(node: RichTextNode, rules: RedactionRules): RichTextNode {
  if (!node.content) return node;
  const inline = node.content.some((child) => INLINE.has(child.type));
  return {
    ...node,
    content: inline
      ? redactInline(node.content, rules)
      : node.content.map((child) => redactNode(child, rules)),
  };
}

/** An editor document with hidden values replaced in its text and links. */
export function redactDoc(doc: RichTextDoc, rules: RedactionRules): RichTextDoc {
  if (!hasRules(rules)) return doc;
  return { ...doc, content: (doc.content ?? []).map((node) => redactNode(node, rules)) };
}

/**
 * The text of an editor document, a paragraph at a time as `redactDoc` reads it, and its link
 * targets: what the document may mention.
 */
export function docStrings(doc: RichTextDoc): string[] {
  const strings: string[] = [];
  const walk = (node: RichTextNode) => {
    for (const mark of node.marks ?? []) {
      if (mark.type === "link") strings.push(safeDecode(String(mark.attrs?.href ?? "")));
    }
    const content = node.content ?? [];
    if (content.some((child) => INLINE.has(child.type))) {
      strings.push(content.map(inlineText).join(""));
    }
    content.forEach(walk);
  };
  doc.content?.forEach(walk);
  return strings;
}
