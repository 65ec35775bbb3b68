import { describe, expect, it } from "vitest";
import { plainTextDoc } from "~/kernel/rich-text/rich-text";
import { parseRichTextField, renderRichText } from "~/kernel/rich-text/rich-text.server";

const paragraph = (...content: unknown[]) => ({ type: "paragraph", content });
const text = (value: string, marks?: unknown[]) => ({ type: "text", text: value, marks });
const doc = (...content: unknown[]) => ({ type: "doc", content });

function html(input: unknown) {
  const result = renderRichText(input);
  if (!result.ok) throw new Error(`rejected: ${result.error}`);
  return result.value.html;
}

describe("rich text from the entry editor", () => {
  it("keeps a paragraph's runs on one line in the plain text (search, excerpts)", () => {
    const result = renderRichText(
      doc(
        paragraph(text("Guten Tag "), text("Herr Kurz", [{ type: "bold" }]), text(",")),
        paragraph(text("zweite"), { type: "hardBreak" }, text("Zeile")),
      ),
    );
    expect(result.ok && result.value.text).toBe("Guten Tag Herr Kurz,\n\nzweite\nZeile");
  });

  it("renders the editor's nodes and marks, escaping every text", () => {
    const input = doc(
      paragraph(text('Tresen <b>Eiche</b> & "Nuss" '), text("fett", [{ type: "bold" }])),
      {
        type: "bulletList",
        content: [{ type: "listItem", content: [paragraph(text("eins"))] }],
      },
      { type: "orderedList", attrs: { start: 3 }, content: [] },
      { type: "blockquote", content: [paragraph(text("Zitat"), { type: "hardBreak" })] },
    );
    expect(html(input)).toBe(
      "<p>Tresen &lt;b&gt;Eiche&lt;/b&gt; &amp; &quot;Nuss&quot; <strong>fett</strong></p>" +
        "<ul><li><p>eins</p></li></ul>" +
        '<ol start="3"></ol>' +
        "<blockquote><p>Zitat<br></p></blockquote>",
    );
  });

  it("renders links with the safe rel and keeps only their href", () => {
    const link = {
      type: "link",
      attrs: { href: 'https://example.org/?a="x"', onclick: "alert(1)", class: "evil" },
    };
    expect(html(doc(paragraph(text("Seite", [{ type: "italic" }, link]))))).toBe(
      '<p><a href="https://example.org/?a=&quot;x&quot;" rel="noopener noreferrer nofollow" target="_blank"><em>Seite</em></a></p>',
    );
    expect(
      html(doc(paragraph(text("Mail", [{ type: "link", attrs: { href: "mailto:a@b.example" } }])))),
    ).toContain('href="mailto:a@b.example"');
  });

  it.each([
    "javascript:alert(1)",
    " javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example",
    "/relative",
  ])("refuses a link to %s", (href) => {
    const result = renderRichText(doc(paragraph(text("x", [{ type: "link", attrs: { href } }]))));
    expect(result).toEqual({ ok: false, error: "badLink" });
  });

  it.each([
    [{ type: "image", attrs: { src: "x", onerror: "alert(1)" } }],
    [{ type: "codeBlock", content: [text("x")] }],
    [{ type: "heading", attrs: { level: 1 }, content: [text("x")] }],
    [paragraph(text("x", [{ type: "underline" }]))],
    [{ type: "doc", content: [] }],
    [{ type: "paragraph", marks: [{ type: "bold" }] }],
  ])("refuses a node or mark the editor does not offer: %j", (node) => {
    expect(renderRichText(doc(node))).toEqual({ ok: false, error: "unsupported" });
  });

  it("refuses malformed, deep and huge documents", () => {
    expect(renderRichText("<p>hi</p>")).toEqual({ ok: false, error: "invalid" });
    expect(renderRichText({ type: "doc", content: "x" })).toEqual({ ok: false, error: "invalid" });
    expect(renderRichText(doc({ type: "text", text: 5 }))).toEqual({ ok: false, error: "invalid" });
    let deep: unknown = paragraph(text("x"));
    for (let level = 0; level < 20; level += 1) deep = { type: "blockquote", content: [deep] };
    expect(renderRichText(doc(deep))).toEqual({ ok: false, error: "tooDeep" });
    const long = doc(paragraph(text("x".repeat(100_001))));
    expect(renderRichText(long)).toEqual({ ok: false, error: "tooLarge" });
    expect(parseRichTextField("{not json")).toEqual({ ok: false, error: "invalid" });
  });

  it("keeps plain text for search and treats empty paragraphs as no body", () => {
    const result = renderRichText(
      doc(paragraph(text("Eichenholz")), paragraph(), {
        type: "bulletList",
        content: [{ type: "listItem", content: [paragraph(text("Lieferung"))] }],
      }),
    );
    expect(result.ok && result.value.text).toBe("Eichenholz\n\n- Lieferung");
    const empty = parseRichTextField(JSON.stringify(doc(paragraph(), paragraph())));
    expect(empty.ok && empty.value).toMatchObject({ html: "", text: "" });
    expect(parseRichTextField("")).toMatchObject({ ok: true, value: { html: "", text: "" } });
  });

  it("drops NUL characters, which PostgreSQL cannot store", () => {
    const result = renderRichText(doc(paragraph(text("a\u0000b"))));
    expect(result.ok && result.value.text).toBe("ab");
  });

  it("turns plain text into paragraphs and line breaks", () => {
    expect(html(plainTextDoc("Zeile 1\nZeile 2\n\nAbsatz <2>"))).toBe(
      "<p>Zeile 1<br>Zeile 2</p><p>Absatz &lt;2&gt;</p>",
    );
  });
});
