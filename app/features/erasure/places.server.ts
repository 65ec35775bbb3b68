import { and, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "#db/client.server";
import {
  accessReviewItems,
  accessReviews,
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
  unresolvedMails,
} from "#db/schema";
import {
  isDoc,
  redactDoc,
  redactText,
  type RedactionRules,
} from "~/features/accounts/index.server";
import {
  contactHeld,
  documentHeld,
  entryHeld,
  entryIdHeld,
  projectHeld,
  requestHeld,
} from "~/features/compliance/index.server";
import { renderRichText } from "~/kernel/rich-text/rich-text.server";

/*
 * Every place outside the person's own record where their name, address or number may be
 * written, and how it is rewritten under their pseudonym. A place lists its columns by kind:
 * plain text, JSON (every string in it), and rich text (the editor's document, rendered again
 * into its HTML and search text, so all three say the same).
 *
 * An address or a number is theirs wherever it stands. A name alone is not: another "Thomas
 * Müller" may be in another account's history. So a name is rewritten only in the person's
 * own projects and account (a place's `home`), or in a row that also holds their address or
 * number, which makes it about them.
 */

type RichColumns = { doc: string; html: string; text: string };

/** Where the person belongs: their projects, and their account or organisation. */
export type Home = { projectIds: string[]; organizationId: string };

export type Place = {
  /** The name the certificate gives it. */
  key: string;
  table: PgTable;
  /** Its key column, when not `id`. */
  idColumn?: string;
  texts?: string[];
  jsons?: string[];
  rich?: RichColumns[];
  /** The rows inside the person's home, where their name alone names them. */
  home?: (home: Home) => SQL;
  /** The place holds records of this kind: the person's own is not "another" row of it. */
  holds?: "contact";
  /** Rows under a legal hold in force: kept word for word, and counted as kept. */
  held?: SQL;
};

/** A list as one parameter both drivers bind alike, as a set of uuids. */
const uuids = (ids: string[]) =>
  sql`(select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;
const inProjects = (column: PgColumn) => (home: Home) =>
  sql`${column} in ${uuids(home.projectIds)}`;
const through = (table: string, column: PgColumn) => (home: Home) =>
  sql`${column} in (select id from ${sql.raw(table)} where project_id in ${uuids(home.projectIds)})`;

export const places: Place[] = [
  {
    key: "entries",
    table: entries,
    texts: ["subject", "redactionReason"],
    jsons: ["details"],
    rich: [{ doc: "body", html: "bodyHtml", text: "bodyText" }],
    home: inProjects(entries.projectId),
    held: entryHeld(sql`${entries.id}`, sql`${entries.projectId}`),
  },
  {
    key: "entryRevisions",
    table: entryRevisions,
    jsons: ["before", "after"],
    home: through("entries", entryRevisions.entryId),
    held: entryIdHeld(sql`${entryRevisions.entryId}`),
  },
  {
    key: "requests",
    table: requests,
    texts: ["title", "ratingComment"],
    rich: [{ doc: "description", html: "descriptionHtml", text: "descriptionText" }],
    home: inProjects(requests.projectId),
    held: projectHeld(sql`${requests.projectId}`),
  },
  {
    key: "requestEvents",
    table: requestEvents,
    texts: ["reason"],
    home: through("requests", requestEvents.requestId),
    held: requestHeld(sql`${requestEvents.requestId}`),
  },
  {
    key: "requestComments",
    table: requestComments,
    rich: [{ doc: "body", html: "bodyHtml", text: "bodyText" }],
    home: through("requests", requestComments.requestId),
    held: requestHeld(sql`${requestComments.requestId}`),
  },
  {
    key: "documents",
    table: documents,
    texts: ["title", "description"],
    home: inProjects(documents.projectId),
    held: documentHeld(sql`${documents.id}`),
  },
  {
    key: "documentVersions",
    table: documentVersions,
    texts: ["fileName"],
    home: through("documents", documentVersions.documentId),
    held: documentHeld(sql`${documentVersions.documentId}`),
  },
  {
    key: "contactNotes",
    table: contacts,
    texts: ["notes", "roleTitle"],
    home: (home) => sql`${contacts.accountId} = ${home.organizationId}`,
    holds: "contact",
    held: contactHeld(sql`${contacts.id}`, sql`${contacts.accountId}`),
  },
  {
    key: "outboundEmails",
    table: outboundEmails,
    idColumn: "entryId",
    jsons: ["recipients"],
    texts: ["statusReason"],
    home: through("entries", outboundEmails.entryId),
    held: entryIdHeld(sql`${outboundEmails.entryId}`),
  },
  { key: "deliveryReports", table: emailWebhookEvents, texts: ["reason"] },
  { key: "sentMail", table: mailMessages, texts: ["to", "subject", "html", "text", "error"] },
  {
    key: "unplacedMail",
    table: unresolvedMails,
    texts: ["fromName", "subject", "previewText", "decisionReason"],
    jsons: ["recipients"],
  },
  { key: "invitations", table: invitations, texts: ["name", "email"] },
  { key: "accessReviews", table: accessReviews, texts: ["title"] },
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
 * `candidates` narrows in SQL (any text that may name them); the rewrite decides, with the
 * name only at home or beside their address or number. A row under a legal hold stays as it
 * is. Returns the ids of the rows changed, and how many held rows were left.
 */
export async function scrubPlace(
  tx: Database,
  place: Place,
  candidates: (columns: SQL[]) => SQL | undefined,
  rules: RedactionRules,
  person: { kind: string; id: string; home: Home },
): Promise<{ ids: string[]; held: number }> {
  const id = columnOf(place, place.idColumn ?? "id");
  const names = [
    ...(place.texts ?? []),
    ...(place.jsons ?? []),
    ...(place.rich ?? []).flatMap((columns) => [columns.doc, columns.html, columns.text]),
  ];
  const texts = names.map((name) => sql`${columnOf(place, name)}::text`);
  const where = candidates(texts);
  if (!where) return { ids: [], held: 0 };
  const selection = Object.fromEntries(names.map((name) => [name, columnOf(place, name)]));
  const atHome = place.home && person.home.projectIds.length ? place.home(person.home) : sql`false`;
  const self = place.holds === person.kind ? sql`${id} <> ${person.id}` : sql`true`;
  const rows = (await tx
    .select({
      id,
      atHome: sql<boolean>`(${atHome})`,
      held: sql<boolean>`(${place.held ?? sql`false`})`,
      ...selection,
    })
    .from(place.table)
    .where(and(where, self))
    .for("update")) as (Record<string, unknown> & { atHome: boolean; held: boolean })[];
  const withoutName: RedactionRules = { ...rules, names: new Map() };
  const changed: string[] = [];
  let held = 0;
  for (const row of rows) {
    const aboutThem = row.atHome || rewrite(place, row, withoutName) !== null;
    const next = aboutThem ? rewrite(place, row, rules) : null;
    if (!next) continue;
    if (row.held) {
      held += 1;
      continue;
    }
    await tx
      .update(place.table)
      .set(next)
      .where(eq(id, row.id as string));
    changed.push(row.id as string);
  }
  return { ids: changed, held };
}
