import { describe, expect, it } from "vitest";
import {
  docStrings,
  emailsIn,
  phoneKey,
  phoneKeysIn,
  redactDoc,
  redactText,
  type RedactionRules,
} from "~/features/accounts/contact-redaction";
import type { RichTextDoc } from "~/kernel/rich-text/rich-text";
import { renderRichText } from "~/kernel/rich-text/rich-text.server";

// Felix Roth of the demo world: his address and number are hidden from this reader.
const rules: RedactionRules = {
  emails: new Map([["felix@cafe-morgenrot.example", "Felix Roth"]]),
  phones: new Map([[phoneKey("+49 40 555 0102")!, "Felix Roth"]]),
};

const paragraph = (...content: unknown[]) => ({ type: "paragraph", content });
const text = (value: string, marks?: unknown[]) =>
  marks ? { type: "text", text: value, marks } : { type: "text", text: value };
const doc = (...content: unknown[]) => ({ type: "doc", content }) as RichTextDoc;

function rendered(input: RichTextDoc) {
  const result = renderRichText(input);
  if (!result.ok) throw new Error(`rejected: ${result.error}`);
  return result.value;
}

describe("phone keys", () => {
  it("reads one number in every way people write it", () => {
    const written = [
      "+49 40 555 0102",
      "+49 (0)40 555 0102",
      "+49(0)40-555-0102",
      "0049 40 5550102",
      "040 555 0102",
      "040/555 01 02",
      "(040) 555-0102",
      "+49-40-555-0102",
      "040 555\u20130102",
    ];
    for (const value of written) expect(phoneKey(value), value).toBe("+49405550102");
  });

  it("keeps other countries and numbers without an area code apart", () => {
    expect(phoneKey("+43 1 555 0102")).toBe("+4315550102");
    expect(phoneKey("0043 1 555 0102")).toBe("+4315550102");
    expect(phoneKey("555 0102")).toBe("5550102");
    expect(phoneKey("2026")).toBeNull();
  });

  it("finds every number a text may hold, also one right after a date", () => {
    const keys = phoneKeysIn("Am 16.11.2026\nRückruf 040 555-0102 bitte");
    expect(keys).toContain("+49405550102");
  });
});

describe("redacting free text", () => {
  it("replaces the address and the number, however the number is spaced", () => {
    for (const number of [
      "+49 40 555 0102",
      "040 5550102",
      "040-555-0102",
      "+49 (0) 40 555 01 02",
    ]) {
      expect(redactText(`Felix: ${number}, felix@cafe-morgenrot.example.`, rules), number).toBe(
        "Felix: Felix Roth, Felix Roth.",
      );
    }
  });

  it("matches addresses whatever their case", () => {
    expect(redactText("an Felix@Cafe-Morgenrot.Example schreiben", rules)).toBe(
      "an Felix Roth schreiben",
    );
  });

  it("leaves other numbers and addresses alone, and digits inside words", () => {
    const untouched = [
      "Rechnung 4055501020 vom 16.11.2026",
      "Artikel X405550102 und ID0405550102",
      "+49 40 555 0103",
      "felix@cafe-morgenrot.example.org",
      "xfelix@cafe-morgenrot.example",
      "Budget 85.000 €, 22 %",
    ];
    for (const value of untouched) expect(redactText(value, rules), value).toBe(value);
  });

  it("takes a number that runs on after a space, but not one that goes on in digits", () => {
    expect(redactText("040 555 0102 3x versucht", rules)).toBe("Felix Roth 3x versucht");
    expect(redactText("040 555 01023", rules)).toBe("040 555 01023");
  });

  it("changes nothing without rules", () => {
    const value = "felix@cafe-morgenrot.example, 040 555 0102";
    expect(redactText(value, { emails: new Map(), phones: new Map() })).toBe(value);
  });
});

describe("redacting rich text", () => {
  it("replaces in text nodes and keeps the HTML escaped", () => {
    const input = doc(
      paragraph(text("<b>Felix</b> & Co: +49 40 555 0102 "), text("dringend", [{ type: "bold" }])),
    );
    const out = rendered(redactDoc(input, rules));
    expect(out.html).toBe(
      "<p>&lt;b&gt;Felix&lt;/b&gt; &amp; Co: Felix Roth <strong>dringend</strong></p>",
    );
    expect(out.text).not.toContain("555");
  });

  it("finds a number split over formatting runs and line breaks", () => {
    const input = doc(
      paragraph(
        text("Tel. +49 40 "),
        text("555", [{ type: "bold" }]),
        { type: "hardBreak" },
        text("0102 ab 9 Uhr"),
      ),
    );
    const out = rendered(redactDoc(input, rules));
    expect(out.html).toBe("<p>Tel. Felix Roth ab 9 Uhr</p>");
  });

  it("unlinks a mailto link to a hidden address and keeps other links", () => {
    const input = doc(
      paragraph(
        text("schreiben", [
          { type: "link", attrs: { href: "mailto:felix@cafe-morgenrot.example" } },
        ]),
        text(" oder "),
        text("Website", [{ type: "link", attrs: { href: "https://cafe-morgenrot.example" } }]),
      ),
    );
    const out = rendered(redactDoc(input, rules));
    expect(out.html).not.toContain("felix@");
    expect(out.html).toContain('<p>schreiben oder <a href="https://cafe-morgenrot.example"');
  });

  it("reads lists and quotes too, and offers their paragraphs' whole text as candidates", () => {
    const input = doc({
      type: "bulletList",
      content: [{ type: "listItem", content: [paragraph(text("040 555 "), text("0102"))] }],
    });
    expect(docStrings(input)).toContain("040 555 0102");
    expect(rendered(redactDoc(input, rules)).html).toBe("<ul><li><p>Felix Roth</p></li></ul>");
  });

  it("finds the addresses a text mentions", () => {
    expect(emailsIn("An Felix@Cafe-Morgenrot.example, cc: anna@hansen.example.")).toEqual([
      "felix@cafe-morgenrot.example",
      "anna@hansen.example",
    ]);
  });
});

describe("replacing a name (erasure)", () => {
  const erase = {
    emails: new Map([["felix@cafe-morgenrot.example", "person-4c1d2e7a90@erased.invalid"]]),
    phones: new Map(),
    names: new Map([["Felix Roth", "Person 4C1D2E7A90"]]),
  };

  it("replaces the whole name however it is cased or spaced, never a longer one", () => {
    expect(redactText("Rückruf an FELIX  roth, nicht an Felix Rothmann", erase)).toBe(
      "Rückruf an Person 4C1D2E7A90, nicht an Felix Rothmann",
    );
  });

  it("replaces an address header whole: the address wins over the name inside it", () => {
    expect(redactText("Felix Roth <felix@cafe-morgenrot.example>", erase)).toBe(
      "Person 4C1D2E7A90 <person-4c1d2e7a90@erased.invalid>",
    );
  });

  it("finds the name across runs of rich text", () => {
    const doc: RichTextDoc = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Herr Felix " },
            { type: "text", text: "Roth", marks: [{ type: "bold" }] },
            { type: "text", text: " ruft an." },
          ],
        },
      ],
    };
    expect(rendered(redactDoc(doc, erase)).text).toBe("Herr Person 4C1D2E7A90 ruft an.");
  });
});
