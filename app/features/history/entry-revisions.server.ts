import { and, inArray } from "drizzle-orm";
import { db } from "#db/client.server";
import { contacts, organizations, users } from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import {
  headerAddresses,
  headerFields,
  type ContactRedaction,
  type RedactionSources,
} from "~/features/accounts/index.server";

/** One changed field of a revision, as strings the page can show side by side. */
export type RevisionChange = {
  field: string;
  before: string | null;
  after: string | null;
};

export type RevisionView = {
  id: string;
  editorName: string;
  createdAt: string;
  changes: RevisionChange[];
};

type RevisionRow = {
  id: string;
  editorName: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  createdAt: Date;
};

const detailKeys = [
  "durationMinutes",
  "outcome",
  "postalDate",
  "reference",
  "from",
  "to",
  "cc",
  "location",
];

const ids = (value: unknown) =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];

function show(value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (Array.isArray(value)) return value.length ? value.map(String).join(", ") : null;
  return String(value);
}

const details = (value: unknown) =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};

/** What the revisions mention (addresses, free text), for the page's contact redaction. */
export function revisionSources(
  rows: RevisionRow[],
): Pick<RedactionSources, "addresses" | "texts"> {
  const sides = rows.flatMap((row) => [row.before, row.after]);
  return {
    addresses: sides.flatMap((side) => headerAddresses(details(side.details))),
    texts: sides.flatMap((side) =>
      [
        side.subject,
        side.bodyText,
        details(side.details).location,
        details(side.details).reference,
      ].filter((value): value is string => typeof value === "string"),
    ),
  };
}

const isHeader = (field: string) => (headerFields as readonly string[]).includes(field);

/**
 * Revisions as before/after pairs the reader may see. Names of contacts come through the
 * reader's contact filter, and their addresses and numbers through the contact redaction; the
 * sharing of an entry is for readers who may see sharing; others learn only that it changed.
 */
export async function describeRevisions(
  ability: AppAbility,
  rows: RevisionRow[],
  {
    seesSharing,
    redaction,
    projectId,
  }: { seesSharing: boolean; redaction: ContactRedaction; projectId: string },
): Promise<RevisionView[]> {
  const all = (key: string) =>
    rows.flatMap((row) => [...ids(row.before[key]), ...ids(row.after[key])]);
  const contactIds = [...new Set(all("contactIds"))];
  const userIds = [...new Set(all("userIds"))];
  const organizationIds = [...new Set(all("audienceOrganizationIds"))];
  const [contactRows, userRows, organizationRows] = await Promise.all([
    contactIds.length
      ? db()
          .select({ id: contacts.id, name: contacts.name })
          .from(contacts)
          .where(and(inArray(contacts.id, contactIds), accessibleWhere(ability, "read", "Contact")))
      : [],
    userIds.length
      ? db()
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(inArray(users.id, userIds))
      : [],
    seesSharing && organizationIds.length
      ? db()
          .select({ id: organizations.id, name: organizations.name })
          .from(organizations)
          .where(inArray(organizations.id, organizationIds))
      : [],
  ]);
  const names = new Map(
    [...contactRows, ...userRows, ...organizationRows].map((row) => [row.id, row.name]),
  );
  const named = (value: unknown) => show(ids(value).map((id) => names.get(id) ?? "—"));
  // Changes are found on the stored values; only what is shown goes through the redaction.
  const text = (value: unknown) => {
    const shown = show(value);
    return shown === null ? null : redaction.text(shown);
  };
  const addresses = (value: unknown) =>
    show(
      (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).map(
        (item) => redaction.address(String(item), projectId),
      ),
    );

  return rows.map((row) => {
    const changes: RevisionChange[] = [];
    const keys = Object.keys({ ...row.before, ...row.after });
    for (const key of keys) {
      const before = row.before[key];
      const after = row.after[key];
      if (key === "details") {
        const b = (before ?? {}) as Record<string, unknown>;
        const a = (after ?? {}) as Record<string, unknown>;
        for (const detail of detailKeys) {
          if (show(b[detail]) !== show(a[detail])) {
            const view = isHeader(detail) ? addresses : text;
            changes.push({ field: detail, before: view(b[detail]), after: view(a[detail]) });
          }
        }
      } else if (key === "audience" || key === "audienceOrganizationIds") {
        if (!seesSharing) {
          if (!changes.some((change) => change.field === "sharing")) {
            changes.push({ field: "sharing", before: null, after: null });
          }
        } else if (key === "audience") {
          changes.push({ field: key, before: show(before), after: show(after) });
        } else {
          changes.push({ field: key, before: named(before), after: named(after) });
        }
      } else if (key === "contactIds" || key === "userIds") {
        changes.push({ field: key, before: named(before), after: named(after) });
      } else if (key === "subject" || key === "bodyText") {
        changes.push({ field: key, before: text(before), after: text(after) });
      } else {
        changes.push({ field: key, before: show(before), after: show(after) });
      }
    }
    return {
      id: row.id,
      editorName: row.editorName,
      createdAt: row.createdAt.toISOString(),
      changes,
    };
  });
}
