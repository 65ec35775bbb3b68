import { inArray, isNotNull, or, sql } from "drizzle-orm";
import type { TFunction } from "i18next";
import { db } from "#db/client.server";
import { contacts, projects, users } from "#db/schema";
import { subject, type AppAbility } from "#policies/ability";
import { readerMemberships } from "~/features/sharing/index.server";
import {
  docStrings,
  emailsIn,
  hidesIn,
  MIN_PHONE_DIGITS,
  phoneKey,
  phoneKeysIn,
  phoneTail,
  redactDoc,
  noRedaction,
  redactText,
  type RedactionRules,
} from "~/features/accounts/contact-redaction";
import { plainTextDoc, type RichTextDoc } from "~/kernel/rich-text/rich-text";
import { escapeHtml, renderRichText } from "~/kernel/rich-text/rich-text.server";

/*
 * The contacts field rule wherever a contact person's email address or phone number turns up
 * outside their contact record: email headers, subjects, bodies, excerpts, search snippets,
 * revisions. The policy decides (CASL's field rule on `Contact.email` / `Contact.phone`, asked in
 * memory with the reader's memberships); this turns the values a reader may not read into the
 * contact's name, or a neutral label where the reader may not read the contact at all.
 * ADR 0013 records what an address that is neither a user's nor a contact's shows.
 */

/** Who is reading: their abilities, and their own address (which they always see). */
export type RedactionReader = { ability: AppAbility; user: { email: string } };

/** What stands in for a value when the reader may not even read the contact's name. */
export type RedactionLabels = { address: string; phone: string };

export function redactionLabels(t: TFunction): RedactionLabels {
  return { address: t("redaction.externalAddress"), phone: t("redaction.hiddenPhone") };
}

/** Everything a page is about to show, so the redaction can look up what it mentions. */
export type RedactionSources = {
  /** The projects whose items are shown (their account decides about unknown addresses). */
  projectIds: string[];
  /** Addresses of email headers (from, to, cc), as stored. */
  addresses?: string[];
  texts?: (string | null | undefined)[];
  docs?: (RichTextDoc | null | undefined)[];
};

export type ContactRedaction = {
  /** Nothing is hidden from this reader: every method gives back what it gets. */
  readonly transparent: boolean;
  /** Free text with hidden addresses and phone numbers replaced. */
  text(value: string): string;
  /** Does this free text hold anything hidden from the reader? */
  hides(value: string): boolean;
  /** An email header's address as the reader may see it, in an item of this project. */
  address(value: string, projectId: string): string;
  /** Would `address` show something other than the address itself? */
  addressHidden(value: string, projectId: string): boolean;
  /** An editor document with hidden values replaced. */
  doc(value: RichTextDoc): RichTextDoc;
  /** Does this editor document (text or links) hold anything hidden from the reader? */
  docHides(value: RichTextDoc): boolean;
  /** A stored body (document, HTML, plain text) as the reader may see it, still safe HTML. */
  body(value: { doc: RichTextDoc | null; html: string; text: string }): {
    html: string;
    text: string;
  };
};

const identity: ContactRedaction = {
  transparent: true,
  text: (value) => value,
  hides: () => false,
  address: (value) => value,
  addressHidden: () => false,
  doc: (value) => value,
  docHides: () => false,
  body: ({ html, text }) => ({ html, text }),
};

/** `Name <address>` or a bare address: the address, lower-cased, and the name if there is one. */
export function parseAddress(value: string): { address: string; name: string | null } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+)>\s*$/.exec(value);
  if (match) return { address: match[2]!.toLowerCase(), name: match[1]!.trim() || null };
  return { address: value.trim().toLowerCase(), name: null };
}

/**
 * Does the highest-priority rule for this field allow every contact? Then no condition (no
 * membership) can take it away, and nothing needs to be looked up.
 */
function unconditional(ability: AppAbility, field: string) {
  const [rule] = ability.rulesFor("read", "Contact", field);
  return Boolean(rule && !rule.inverted && !rule.conditions);
}

/** More candidates than this: look at every contact with a phone number instead. */
const MAX_PHONE_TAILS = 2000;

/** The contact persons whose address or number the sources may mention. */
async function mentionedContacts(addresses: string[], phoneKeys: string[]) {
  const tails = [...new Set(phoneKeys.map(phoneTail))];
  const digits = sql`right(regexp_replace(${contacts.phone}, '\\D', '', 'g'), ${MIN_PHONE_DIGITS})`;
  const byPhone =
    tails.length === 0
      ? undefined
      : tails.length > MAX_PHONE_TAILS
        ? isNotNull(contacts.phone)
        : inArray(digits, tails);
  const byEmail = addresses.length ? inArray(sql`lower(${contacts.email})`, addresses) : undefined;
  if (!byPhone && !byEmail) return [];
  const rows = await db()
    .select({
      id: contacts.id,
      accountId: contacts.accountId,
      name: contacts.name,
      email: contacts.email,
      phone: contacts.phone,
    })
    .from(contacts)
    .where(or(byEmail, byPhone));
  const wanted = new Set(phoneKeys);
  const mentioned = new Set(addresses);
  // The tails only narrowed the search: keep the rows whose whole number or address is there.
  return rows.filter(
    (row) =>
      (row.email && mentioned.has(row.email.toLowerCase())) ||
      (row.phone && wanted.has(phoneKey(row.phone) ?? "")),
  );
}

/** The accounts of these projects and every project of those accounts and of `accountIds`. */
async function accountProjects(projectIds: string[], accountIds: string[]) {
  if (projectIds.length === 0 && accountIds.length === 0) return [];
  const ofProjects = projectIds.length
    ? db()
        .select({ accountId: projects.accountId })
        .from(projects)
        .where(inArray(projects.id, projectIds))
    : undefined;
  return db()
    .select({ id: projects.id, accountId: projects.accountId })
    .from(projects)
    .where(
      or(
        ofProjects ? inArray(projects.accountId, ofProjects) : undefined,
        accountIds.length ? inArray(projects.accountId, accountIds) : undefined,
      ),
    );
}

/** May this reader read every contact person's email and phone (host staff)? */
export function seesAllContactDetails(ability: AppAbility) {
  return unconditional(ability, "email") && unconditional(ability, "phone");
}

/**
 * What this reader may see of the contact persons the sources mention, as a redaction to apply
 * to them. Host staff (whose rules allow every contact's email and phone) cost no query.
 */
export async function contactRedaction(
  reader: RedactionReader,
  labels: RedactionLabels,
  sources: RedactionSources,
): Promise<ContactRedaction> {
  const { ability } = reader;
  if (seesAllContactDetails(ability)) return identity;
  const own = reader.user.email.toLowerCase();

  const strings = [
    ...(sources.texts ?? []).filter((value): value is string => Boolean(value)),
    ...(sources.docs ?? []).flatMap((doc) => (doc ? docStrings(doc) : [])),
  ];
  const headerAddresses = [
    ...new Set((sources.addresses ?? []).map((value) => parseAddress(value).address)),
  ];
  const addresses = [...new Set([...headerAddresses, ...strings.flatMap(emailsIn)])];
  const phoneKeys = [...new Set(strings.flatMap(phoneKeysIn))];

  const found = await mentionedContacts(addresses, phoneKeys);
  // Nothing mentioned that the policy could hide: a page of plain notes costs no more queries.
  if (found.length === 0 && headerAddresses.length === 0) return withRules(noRedaction);
  const [projectRows, userRows] = await Promise.all([
    accountProjects(
      sources.projectIds,
      found.map((row) => row.accountId),
    ),
    headerAddresses.length
      ? db()
          .select({ email: users.email })
          .from(users)
          .where(inArray(sql`lower(${users.email})`, headerAddresses))
      : [],
  ]);

  // The policy in memory: each account with its projects and the reader's memberships of them.
  const memberships: Map<string, Record<string, unknown>[]> = await readerMemberships(
    ability,
    projectRows.map((row) => row.id),
  );
  const accountOf = new Map(projectRows.map((row) => [row.id, row.accountId]));
  const accountSubject = (accountId: string) => ({
    id: accountId,
    projects: projectRows
      .filter((row) => row.accountId === accountId)
      .map((row) => ({ ...row, memberships: memberships.get(row.id) ?? [] })),
  });
  assertOnlyOwnMembershipsCount(ability);

  const hiddenEmails = new Map<string, string>();
  const hiddenPhones = new Map<string, string>();
  const readableEmails = new Set<string>();
  const readablePhones = new Set<string>();
  for (const row of found) {
    const asSubject = subject("Contact", { ...row, account: accountSubject(row.accountId) });
    const name = ability.can("read", asSubject, "name") ? row.name : null;
    const email = row.email?.toLowerCase();
    const key = row.phone ? phoneKey(row.phone) : null;
    if (email) {
      if (ability.can("read", asSubject, "email") || email === own) readableEmails.add(email);
      else hiddenEmails.set(email, name ?? labels.address);
    }
    if (key) {
      if (ability.can("read", asSubject, "phone")) readablePhones.add(key);
      else hiddenPhones.set(key, name ?? labels.phone);
    }
  }
  // A value one contact's record lets the reader read is no secret under another's.
  for (const email of readableEmails) hiddenEmails.delete(email);
  for (const key of readablePhones) hiddenPhones.delete(key);
  const rules: RedactionRules = { emails: hiddenEmails, phones: hiddenPhones };

  const userAddresses = new Set(userRows.map((row) => row.email.toLowerCase()));
  const detailsByAccount = new Map<string, boolean>();
  /** May the reader read contact details of this project's account (the contacts section)? */
  const readsContactsOf = (projectId: string) => {
    const accountId = accountOf.get(projectId);
    if (!accountId) return false;
    if (!detailsByAccount.has(accountId)) {
      const probe = subject("Contact", { accountId, account: accountSubject(accountId) });
      detailsByAccount.set(accountId, ability.can("read", probe, "email"));
    }
    return detailsByAccount.get(accountId)!;
  };

  return withRules(rules, (value, projectId) => {
    const { address: key, name } = parseAddress(value);
    const hidden = hiddenEmails.get(key);
    if (hidden !== undefined) return hidden;
    if (key === own || readableEmails.has(key) || userAddresses.has(key)) return value;
    // Neither a user's nor a known contact's: a third party's, shown like contact data (ADR 0013).
    if (readsContactsOf(projectId)) return value;
    return name ?? labels.address;
  });
}

/** The redaction of free text by `rules`, and of header addresses by `address`. */
function withRules(
  rules: RedactionRules,
  address: (value: string, projectId: string) => string = (value) => value,
): ContactRedaction {
  const doc = (value: RichTextDoc) => redactDoc(value, rules);
  const docHides = (value: RichTextDoc) => docStrings(value).some((text) => hidesIn(text, rules));
  return {
    transparent: false,
    text: (value) => redactText(value, rules),
    hides: (value) => hidesIn(value, rules),
    address,
    addressHidden: (value, projectId) => address(value, projectId) !== value,
    doc,
    docHides,
    body: ({ doc: stored, html, text }) => {
      if (!hidesIn(text, rules) && !(stored && docHides(stored))) return { html, text };
      const rendered = renderRichText(stored ? doc(stored) : plainTextDoc(redactText(text, rules)));
      if (rendered.ok) return { html: rendered.value.html, text: rendered.value.text };
      const plain = redactText(text, rules);
      return { html: `<p>${escapeHtml(plain)}</p>`, text: plain };
    },
  };
}

/**
 * Deciding with the reader's own memberships only is sound while no other organisation's
 * membership can grant them contact details; checked against one that would grant everything.
 */
function assertOnlyOwnMembershipsCount(ability: AppAbility) {
  const stranger = {
    id: "00000000-0000-4000-8000-000000000000",
    organizationId: "00000000-0000-4000-8000-000000000001",
    access: "contribute",
    sections: ["history", "documents", "requests", "contacts"],
    expiresAt: null,
    revokedAt: null,
    narrowed: false,
    userIds: [],
  };
  const probe = subject("Contact", {
    accountId: "00000000-0000-4000-8000-000000000002",
    account: { projects: [{ memberships: [stranger] }] },
  });
  if (ability.can("read", probe, "email") || ability.can("read", probe, "phone")) {
    throw new Error("Contact detail rules depend on other organisations' memberships");
  }
}

/** A redaction built for one item: its project, header addresses, texts and body. */
export function entryRedactionSources(entry: {
  projectId: string;
  subject?: string | null;
  bodyText?: string | null;
  body?: unknown;
  details?: Record<string, unknown> | null;
}): RedactionSources {
  const details = entry.details ?? {};
  return {
    projectIds: [entry.projectId],
    addresses: headerAddresses(details),
    texts: [entry.subject, entry.bodyText, ...detailTexts(details)],
    docs: [isDoc(entry.body) ? entry.body : null],
  };
}

/** The email header fields of an entry's details. */
export const headerFields = ["from", "to", "cc"] as const;
/** Free-text channel fields that may mention a number. */
const textFields = ["location", "reference"] as const;

const strings = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : typeof value === "string"
      ? [value]
      : [];

export function headerAddresses(details: Record<string, unknown>) {
  return headerFields.flatMap((field) => strings(details[field]));
}

function detailTexts(details: Record<string, unknown>) {
  return textFields.flatMap((field) => strings(details[field]));
}

export function isDoc(value: unknown): value is RichTextDoc {
  return (
    typeof value === "object" && value !== null && (value as { type?: unknown }).type === "doc"
  );
}

/**
 * An entry's channel details as the reader may see them: header addresses through `address`,
 * free-text fields through `text`; everything else as stored.
 */
export function redactDetails(
  redaction: ContactRedaction,
  details: Record<string, unknown>,
  projectId: string,
): Record<string, unknown> {
  if (redaction.transparent) return details;
  const out: Record<string, unknown> = { ...details };
  for (const field of headerFields) {
    const value = details[field];
    if (typeof value === "string") out[field] = redaction.address(value, projectId);
    else if (Array.isArray(value))
      out[field] = strings(value).map((item) => redaction.address(item, projectId));
  }
  for (const field of textFields) {
    const value = details[field];
    if (typeof value === "string") out[field] = redaction.text(value);
  }
  return out;
}
