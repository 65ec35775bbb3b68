import { describe, expect, test } from "vitest";
import { negotiateLanguage } from "~/kernel/locale.server";

// What a browser's Accept-Language header makes of a signed-out visitor's page: the first
// language we speak, by the header's weights; nothing when we speak none of them.

describe("negotiateLanguage", () => {
  test.each([
    ["de", "de"],
    ["en", "en"],
    ["EN", "en"],
    ["en;q=0.5, de", "de"],
    ["de;q=0.4, en;q=0.9", "en"],
    ["en-GB,en;q=0.9,de;q=0.8", "en"],
    ["fr;q=0.9, de;q=0.8, en;q=0.7", "de"],
  ])("ranks %j by weight and answers %s", (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });

  // RFC 9110 allows spaces around the ";" of a weight: "en ; q=0.3" is the language en.
  test("reads a tag with spaces before its weight", () => {
    expect(negotiateLanguage("en ; q=0.3 , de ; q=0.6")).toBe("de");
    expect(negotiateLanguage("fr, en ;q=0.5")).toBe("en");
  });

  test("keeps the header's order among equal weights", () => {
    expect(negotiateLanguage("de, en")).toBe("de");
    expect(negotiateLanguage("en, de")).toBe("en");
    expect(negotiateLanguage("en;q=0.8, de;q=0.8")).toBe("en");
  });

  test.each([
    ["de-AT", "de"],
    ["de-CH", "de"],
    ["en-US", "en"],
    ["en-GB", "en"],
    ["fr-FR, en-US;q=0.5", "en"],
  ])("reads the region tag %j as its language %s", (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });

  test("answers nothing for languages we do not speak, and a low-weighted one we do", () => {
    expect(negotiateLanguage("fr-FR, it")).toBeUndefined();
    expect(negotiateLanguage("fr")).toBeUndefined();
    expect(negotiateLanguage("*")).toBeUndefined();
    expect(negotiateLanguage("fr, en;q=0.1")).toBe("en");
  });

  test("never picks a language the browser refuses with q=0", () => {
    expect(negotiateLanguage("de;q=0")).toBeUndefined();
    expect(negotiateLanguage("de;q=0, en;q=0.1")).toBe("en");
    expect(negotiateLanguage("en;q=0.0, fr")).toBeUndefined();
    expect(negotiateLanguage("en;q=0.000, de;q=0.5")).toBe("de");
  });

  test.each([[""], [null], [" "], [","], [";q=1"], ["???"], ["q=1;de"], ["\u0000"], ["-de"]])(
    "answers nothing for the empty or garbled header %j",
    (header) => {
      expect(negotiateLanguage(header)).toBeUndefined();
    },
  );
});
