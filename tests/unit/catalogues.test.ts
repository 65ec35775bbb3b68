// The German and English catalogues must say the same things: the same keys, the same
// placeholders in each string, no empty or forgotten translations, and German in the formal
// "Sie" with German quotation marks (docs/glossary.md). Each check is a small pure function,
// first shown to catch planted mistakes, then run over the real catalogues.
import { describe, expect, it } from "vitest";
import { de } from "~/locales/de";
import { en } from "~/locales/en";

type Catalogue = { [key: string]: unknown };
type Flat = Record<string, unknown>;

/** `{ a: { b: "x" } }` → `{ "a.b": "x" }`. */
function flatten(catalogue: Catalogue, prefix = ""): Flat {
  return Object.fromEntries(
    Object.entries(catalogue).flatMap(([key, value]) =>
      value !== null && typeof value === "object"
        ? Object.entries(flatten(value as Catalogue, `${prefix}${key}.`))
        : [[`${prefix}${key}`, value]],
    ),
  );
}

/** Keys of `reference` that `other` lacks. */
const findMissing = (reference: Flat, other: Flat) =>
  Object.keys(reference).filter((key) => !(key in other));

/** i18next placeholder names, `{{name}}` or `{{count, number}}` → `name`, `count`. */
const placeholders = (text: string) =>
  [...new Set([...text.matchAll(/\{\{\s*([^\s,}]+)[^}]*\}\}/g)].map((match) => match[1]!))].sort();

/** Keys whose strings use different placeholders in the two catalogues. */
const findPlaceholderMismatches = (a: Flat, b: Flat) =>
  Object.keys(a)
    .filter((key) => typeof a[key] === "string" && typeof b[key] === "string")
    .filter(
      (key) => placeholders(a[key] as string).join() !== placeholders(b[key] as string).join(),
    )
    .map((key) => `${key}: ${placeholders(a[key] as string)} ≠ ${placeholders(b[key] as string)}`);

/** Keys whose value is not a string with something in it. */
const findEmpty = (flat: Flat) =>
  Object.keys(flat).filter((key) => typeof flat[key] !== "string" || !(flat[key] as string).trim());

// The informal address. Whole words only, with Unicode-aware edges, so "dir" in "Direktor" and
// "du" in "Dubai" or "Ärztedu…" pass; placeholders are left out so `{{dir}}` is no word.
const INFORMAL = ["du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "deines"];
const INFORMAL_PLURAL = ["euch", "euer", "eure"];
const informalWord = new RegExp(
  `(?<![\\p{L}\\p{N}_])(${[...INFORMAL, ...INFORMAL_PLURAL].join("|")})(?![\\p{L}\\p{N}_])`,
  "giu",
);
const withoutPlaceholders = (text: string) => text.replace(/\{\{[^}]*\}\}/g, " ");

/** `key: word` for each informal word in a German string. */
const findInformal = (flat: Flat) =>
  Object.entries(flat).flatMap(([key, value]) =>
    [...withoutPlaceholders(String(value)).matchAll(informalWord)].map(
      (match) => `${key}: ${match[1]}`,
    ),
  );

// German quotes are „…“; a straight " (or an English closing ”) is an English habit. A soft
// check: any such character is reported, paired or not.
const findEnglishQuotes = (flat: Flat) =>
  Object.keys(flat).filter((key) => /["”]/.test(String(flat[key])));

// German values that are rightly the same as the English ones: loanwords and international
// terms that German uses unchanged (glossary: "Partner", "Organisation", "Version"), acronyms,
// and "optional", which is German too. A value with no words outside its placeholders
// ("{{author}} · {{organization}}") has nothing to translate. Anything else identical to the
// English is taken to be a forgotten translation.
const SAME_IN_GERMAN = new Set([
  "Administration",
  "Normal",
  "SLA",
  "Ambit",
  "Optional",
  "Browser",
  "Cc",
  "Compliance",
  "Compliance · Ambit",
  "Details",
  "In {{project}} · {{account}}",
  "Name",
  "optional",
  "Organisation",
  "Partner",
  "PDF",
  "Person",
  "SHA-256",
  "SMS",
  "Status",
  "Text",
  "Version",
  "Version {{number}}",
]);
// Each language is named in itself, so both catalogues say "Deutsch" and "English".
const SAME_BY_DESIGN = /^languageNames\./;

/** Keys whose German value is the English one, word for word, and not known to be German. */
const findUntranslated = (english: Flat, german: Flat) =>
  Object.keys(english).filter((key) => {
    const value = english[key];
    if (typeof value !== "string" || german[key] !== value) return false;
    if (SAME_BY_DESIGN.test(key) || SAME_IN_GERMAN.has(value)) return false;
    return /\p{L}/u.test(withoutPlaceholders(value));
  });

describe("the checks catch planted mistakes", () => {
  it("flattens nested keys, plural suffixes included", () => {
    expect(flatten({ a: { b: "x", c_one: "y", c_other: "z" }, d: "w" })).toEqual({
      "a.b": "x",
      "a.c_one": "y",
      "a.c_other": "z",
      d: "w",
    });
  });

  it("a key in one catalogue but not the other", () => {
    expect(findMissing({ a: "x" }, {})).toEqual(["a"]);
    expect(
      findMissing(flatten({ n: { a: "x", b_other: "y" } }), flatten({ n: { a: "x" } })),
    ).toEqual(["n.b_other"]);
    expect(findMissing({ a: "x" }, { a: "y" })).toEqual([]);
    // A key added to a copy of the real English catalogue only.
    const planted = { ...en, common: { ...en.common, planted: "Planted" } };
    expect(findMissing(flatten(planted), flatten(de))).toContain("common.planted");
  });

  it("a placeholder renamed, lost or added", () => {
    expect(placeholders("{{count, number}} of {{ max }} by {{name}} {{name}}")).toEqual([
      "count",
      "max",
      "name",
    ]);
    expect(
      findPlaceholderMismatches(
        { a: "Hi {{name}}", b: "{{n}} items", c: "{{x}} {{y}}", d: "same {{x}}" },
        { a: "Hallo {{nom}}", b: "Einträge", c: "{{y}} {{x}}", d: "gleich {{x}}" },
      ),
    ).toEqual(["a: name ≠ nom", "b: n ≠ "]);
  });

  it("an empty translation", () => {
    expect(findEmpty({ a: "", b: "  ", c: "x", d: undefined })).toEqual(["a", "b", "d"]);
  });

  it("the informal address, as whole words only", () => {
    expect(
      findInformal({
        a: "Hast du Zeit?",
        b: "Dein Projekt",
        c: "Wir schreiben euch",
        d: "Der Direktor in Dubai",
        e: "Geben Sie Ihre E-Mail-Adresse ein.",
        f: "{{dir}} ist leer",
        g: "Öffne dir, Ümdu, ödu",
      }),
    ).toEqual(["a: du", "b: Dein", "c: euch", "g: dir"]);
  });

  it("English quotation marks in German", () => {
    expect(findEnglishQuotes({ a: 'Projekt "Alpha"', b: "Projekt „Alpha“", c: "“Alpha”" })).toEqual(
      ["a", "c"],
    );
  });

  it("a German value left in English", () => {
    expect(
      findUntranslated(
        { a: "Save", b: "Status", c: "{{a}} · {{b}}", d: "Cancel" },
        { a: "Save", b: "Status", c: "{{a}} · {{b}}", d: "Abbrechen" },
      ),
    ).toEqual(["a"]);
    expect(
      findUntranslated({ "languageNames.en": "English" }, { "languageNames.en": "English" }),
    ).toEqual([]);
  });
});

describe("the German and English catalogues", () => {
  const english = flatten(en);
  const german = flatten(de);
  const list = (keys: string[]) => keys.map((key) => `  ${key}`).join("\n");

  it("have the same keys", () => {
    const missing = findMissing(english, german);
    const extra = findMissing(german, english);
    expect(missing, `Keys in en but not in de:\n${list(missing)}`).toEqual([]);
    expect(extra, `Keys in de but not in en:\n${list(extra)}`).toEqual([]);
  });

  it("use the same placeholders in each string", () => {
    const mismatches = findPlaceholderMismatches(english, german);
    expect(mismatches, `Placeholders differ (en ≠ de):\n${list(mismatches)}`).toEqual([]);
  });

  it("have no empty strings", () => {
    const empty = [
      ...findEmpty(english).map((k) => `en ${k}`),
      ...findEmpty(german).map((k) => `de ${k}`),
    ];
    expect(empty, `Empty or non-string values:\n${list(empty)}`).toEqual([]);
  });

  it("address German readers formally (Sie, never du)", () => {
    const informal = findInformal(german);
    expect(informal, `Informal address in de:\n${list(informal)}`).toEqual([]);
  });

  it("use German quotation marks „…“ in German", () => {
    const quoted = findEnglishQuotes(german);
    expect(quoted, `English quotation marks in de (use „…“):\n${list(quoted)}`).toEqual([]);
  });

  it("translate every German string", () => {
    const untranslated = findUntranslated(english, german).map(
      (key) => `${key}: ${JSON.stringify(german[key])}`,
    );
    expect(
      untranslated,
      `German values identical to English (translate them, or add them to SAME_IN_GERMAN):\n${list(untranslated)}`,
    ).toEqual([]);
  });
});
