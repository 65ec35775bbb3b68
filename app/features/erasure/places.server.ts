import { eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "#db/client.server";
import {
  accessReviewItems,
  contacts,
  documents,
  documentVersions,
  emailWebhookEvents,
  entries,
  entryRevisions,
  invitations,
  legalHolds,
  mailMessages,
  outboundEmails,
  requestComments,
  requestEvents,
  requests,
} from "#db/schema";
import {
  isDoc,
  redactDoc,
  redactText,
  type RedactionRules,
} from "~/features/accounts/index.server";
import { renderRichText } from "~/kernel/rich-text/rich-text.server";

/*
 * Every place outside the person's own record where their name, address or number may be
 * written, and how it is rewritten under their pseudonym. A place lists its columns by kind:
 * plain text, JSON (every string in it), and rich text (the editor's document, rendered again
 * into its HTML and search text, so all three say the same).
 */

type RichColumns = { doc: string; html: string; text: string };

export type Place = {
  /** The name the certificate gives it. */
  key: string;
  table: PgTable;
  /** Its key column, when not `id`. */
  idColumn?: string;
  texts?: string[];
  jsons?: string[];
  rich?: RichColumns[];
};

export const places: Place[] = [
  {
    key: "entries",
    table: entries,
    texts: ["subject"],
    jsons: ["details"],
    rich: [{ doc: "body", html: "bodyHtml", text: "bodyText" }],
  },
  { key: "entryRevisions", table: entryRevisions, jsons: ["before", "after"] },
  {
    key: "requests",
    table: requests,
    texts: ["title", "ratingComment"],
    rich: [{ doc: "description", html: "descriptionHtml", text: "descriptionText" }],
  },
  { key: "requestEvents", table: requestEvents, texts: ["reason"] },
  {
    key: "requestComments",
    table: requestComments,
    rich: [{ doc: "body", html: "bodyHtml", text: "bodyText" }],
  },
  { key: "documents", table: documents, texts: ["title", "description"] },
  { key: "documentVersions", table: documentVersions, texts: ["fileName"] },
  { key: "contactNotes", table: contacts, texts: ["notes", "roleTitle"] },
  {
    key: "outboundEmails",
    table: outboundEmails,
    idColumn: "entryId",
    jsons: ["recipients"],
    texts: ["statusReason"],
  },
  { key: "deliveryReports", table: emailWebhookEvents, texts: ["reason"] },
  { key: "sentMail", table: mailMessages, texts: ["to", "subject", "html", "text"] },
  { key: "invitations", table: invitations, texts: ["name", "email"] },
  { key: "accessReviewDecisions", table: accessReviewItems, texts: ["justification"] },
  { key: "legalHolds", table: legalHolds, texts: ["reason"] },
];

function columnOf(place: Place, name: string): PgColumn {
  const column = (getTableColumns(place.table) as Record<string, PgColumn>)[name];
  if (!column) throw new Error(`${place.key} has no column ${name}`);
  return column;
}

/** Every string in a JSON value rewritten; keys and everything else stay. */
export function redactJson(value: unknown, rules: RedactionRules): unknown {
  if (typeof value === "string") return redactText(value, rules);
  if (Array.isArray(value)) return value.map((item) => redactJson(item, rules));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactJson(item, rules)]),
    );
  }
  return value;
}

/** A rich text's three columns rewritten together. */
function redactRich(row: Record<string, unknown>, columns: RichColumns, rules: RedactionRules) {
  const doc = row[columns.doc];
  if (isDoc(doc)) {
    const rendered = renderRichText(redactDoc(doc, rules));
    if (rendered.ok) {
      return {
        [columns.doc]: rendered.value.doc,
        [columns.html]: rendered.value.html,
        [columns.text]: rendered.value.text,
      };
    }
  }
  // Imported mail keeps its own HTML and no editor document: the strings are rewritten as they are.
  return {
    [columns.doc]: doc === null || doc === undefined ? doc : redactJson(doc, rules),
    [columns.html]: redactText(String(row[columns.html] ?? ""), rules),
    [columns.text]: redactText(String(row[columns.text] ?? ""), rules),
  };
}

/** The row's columns that change, or null when nothing in it names the person. */
function rewrite(place: Place, row: Record<string, unknown>, rules: RedactionRules) {
  const next: Record<string, unknown> = {};
  for (const name of place.texts ?? []) {
    if (typeof row[name] === "string") next[name] = redactText(row[name], rules);
  }
  for (const name of place.jsons ?? []) next[name] = redactJson(row[name], rules);
  for (const columns of place.rich ?? []) Object.assign(next, redactRich(row, columns, rules));
  const changed = Object.fromEntries(
    Object.entries(next).filter(
      ([name, value]) => JSON.stringify(value) !== JSON.stringify(row[name]),
    ),
  );
  return Object.keys(changed).length ? changed : null;
}

/**
 * Rewrites every row of one place that names the person, inside the caller's transaction.
 * `candidates` narrows in SQL (any text that may name them); the rewrite decides. Returns
 * the ids of the rows changed.
 */
export async function scrubPlace(
  tx: Database,
  place: Place,
  candidates: (columns: SQL[]) => SQL | undefined,
  rules: RedactionRules,
): Promise<string[]> {
  const id = columnOf(place, place.idColumn ?? "id");
  const names = [
    ...(place.texts ?? []),
    ...(place.jsons ?? []),
    ...(place.rich ?? []).flatMap((columns) => [columns.doc, columns.html, columns.text]),
  ];
  const texts = names.map((name) => sql`${columnOf(place, name)}::text`);
  const where = candidates(texts);
  if (!where) return [];
  const selection = Object.fromEntries(names.map((name) => [name, columnOf(place, name)]));
  const rows = (await tx
    .select({ id, ...selection })
    .from(place.table)
    .where(where)
    .for("update")) as Record<string, unknown>[];
  const changed: string[] = [];
  for (const row of rows) {
    const next = rewrite(place, row, rules);
    if (!next) continue;
    await tx
      .update(place.table)
      .set(next)
      .where(eq(id, row.id as string));
    changed.push(row.id as string);
  }
  return changed;
}
