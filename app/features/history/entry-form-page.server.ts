import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { db } from "#db/client.server";
import { entries, outboundEmails, users, entryChannels, type EntryChannel } from "#db/schema";
import type { EntryFormDefaults, WithheldValues } from "~/features/history/types";
import { translatorOf } from "~/kernel/locale.server";
import {
  contactRedaction,
  entryRedactionSources,
  isDoc,
  redactionLabels,
} from "~/features/accounts/index.server";
import { entrySubject, storedEntrySubject } from "~/features/history/entry-subject.server";
import { projectForPolicy } from "~/features/sharing/index.server";
import type { FormChoices } from "~/features/history/entry-form.server";
import {
  currentFields,
  lastContactOf,
  participantChoices,
  type EntryInput,
} from "~/features/history/entry-write.server";
import { audienceChoices, audienceSummary, presetOf } from "~/features/sharing/index.server";
import { findEntry } from "~/features/history/entry.server";
import { findProject } from "~/features/projects/index.server";
import { defaultDirection, keepFieldName, WITHHELD_SHOWN } from "~/features/history/entry-defaults";
import { forbidden, notFound, requireAbility } from "~/kernel/permissions.server";

/** An email written and sent from Ambit: its entry is the record of what was sent. */
async function sentFromAmbit(entryId: string) {
  const [row] = await db()
    .select({ entryId: outboundEmails.entryId })
    .from(outboundEmails)
    .where(eq(outboundEmails.entryId, entryId));
  return row !== undefined;
}

const asString = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * Everything the log and edit pages need, after the checks: the project must be readable (else
 * 404), the entry readable (else 404), and the write allowed (else 403, before any input is read).
 */
export async function loadEntryForm(
  request: Request,
  context: AppLoadContext,
  params: { projectId?: string; entryId?: string },
) {
  const current = await requireAbility(request, context);
  const t = await translatorOf(request, context);
  const found = await findProject(current.ability, params.projectId ?? "");
  if (!found) notFound();
  const project = await projectForPolicy(found.project.id, { scope: current.ability });
  if (!project) notFound();
  const existing = params.entryId
    ? await findEntry(current.ability, project.id, params.entryId)
    : null;
  if (params.entryId && !existing) notFound();
  if (existing) {
    if (await sentFromAmbit(existing.id)) forbidden(t("entryForm.errors.sentEmail"));
    if (
      existing.redactedAt ||
      !current.ability.can("update", storedEntrySubject(project, existing))
    ) {
      forbidden(t("entryForm.errors.updateForbidden"));
    }
  } else if (!current.ability.can("create", entrySubject(project))) {
    forbidden(t("entryForm.errors.createForbidden"));
  }
  const participants = await participantChoices(current.ability, project);
  const choices: FormChoices = {
    audience: audienceChoices(current.ability, project),
    contacts: participants.contacts,
    users: participants.users,
  };
  return { current, t, project, found, existing, choices };
}

type Loaded = Awaited<ReturnType<typeof loadEntryForm>>;

const lockedTextFields = ["location", "reference"] as const;
type HeaderField = "from" | "to" | "cc";

/**
 * An entry being edited as stored, and what of it the editor may not see: a contact person's
 * address or number (the contacts field rule). Such values are shown as names, read-only, and
 * kept as stored when the entry is saved (`keepWithheld`).
 */
export async function loadWithheld(loaded: Loaded) {
  const { current, t, existing } = loaded;
  const fields = (await currentFields(existing!.id))!;
  const [stored] = await db()
    .select({ body: entries.body, bodyHtml: entries.bodyHtml })
    .from(entries)
    .where(eq(entries.id, existing!.id));
  const doc = isDoc(stored?.body) ? stored.body : null;
  const redaction = await contactRedaction(
    current,
    redactionLabels(t),
    entryRedactionSources({ ...fields, projectId: existing!.projectId, body: doc }),
  );
  const details = fields.details;
  const addressesOf = (field: HeaderField) => asStrings(details[field]);
  const hiddenIn = (field: HeaderField) =>
    addressesOf(field).flatMap((address, index) =>
      redaction.addressHidden(address, existing!.projectId)
        ? [{ index, label: redaction.address(address, existing!.projectId) }]
        : [],
    );
  const lockedText = (value: unknown) =>
    typeof value === "string" && redaction.hides(value) ? redaction.text(value) : null;
  const bodyLocked = redaction.hides(fields.bodyText) || (doc !== null && redaction.docHides(doc));
  const view: WithheldValues = {
    subject: lockedText(fields.subject),
    bodyHtml: bodyLocked
      ? redaction.body({ doc, html: stored?.bodyHtml ?? "", text: fields.bodyText }).html
      : null,
    location: lockedText(details.location),
    reference: lockedText(details.reference),
    from: hiddenIn("from"),
    to: hiddenIn("to"),
    cc: hiddenIn("cc"),
  };
  return {
    fields,
    doc,
    bodyHtml: stored?.bodyHtml ?? "",
    redaction,
    view,
    /** Whether anything is withheld from this editor at all. */
    any:
      Boolean(view.subject ?? view.bodyHtml ?? view.location ?? view.reference) ||
      view.from.length + view.to.length + view.cc.length > 0,
  };
}

export type Withheld = Awaited<ReturnType<typeof loadWithheld>>;

const asStrings = (value: unknown) =>
  Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : typeof value === "string"
      ? [value]
      : [];

/**
 * The submitted entry with every withheld value as stored: a locked subject, body or text field
 * unchanged, and hidden header addresses kept in their places unless the editor unticked them
 * (or typed a new sender). Addresses the editor sees come from what they typed, as for anyone.
 */
export function keepWithheld(
  input: EntryInput,
  withheld: Withheld,
  formData: FormData,
): EntryInput {
  if (!withheld.any) return input;
  const { fields, view, doc, bodyHtml } = withheld;
  const next: EntryInput = { ...input, details: { ...input.details } };
  if (view.subject !== null) next.subject = fields.subject;
  if (view.bodyHtml !== null) {
    next.body = { doc: doc ?? { type: "doc", content: [] }, html: bodyHtml, text: fields.bodyText };
  }
  const sameChannel = input.channel === fields.channel;
  for (const field of lockedTextFields) {
    if (view[field] !== null && sameChannel) next.details[field] = fields.details[field];
  }
  if (input.channel !== "email" || !sameChannel) return next;
  // A form that did not offer the choice (no checkboxes sent at all) keeps every hidden address.
  const offered = new Set(formData.getAll(WITHHELD_SHOWN).map(String));
  const keeps = (field: HeaderField, index: number) =>
    !offered.has(field) || formData.getAll(keepFieldName(field)).map(String).includes(`${index}`);
  const storedFrom = asStrings(fields.details.from)[0];
  if (view.from.length && !next.details.from && keeps("from", 0) && storedFrom) {
    next.details.from = storedFrom;
  }
  for (const field of ["to", "cc"] as const) {
    const hidden = new Set(view[field].map((item) => item.index));
    if (hidden.size === 0) continue;
    const typed = asStrings(next.details[field]);
    const unused = new Set(typed.map((address) => address.toLowerCase()));
    // The stored order stays, so saving an untouched list changes nothing.
    const merged = asStrings(fields.details[field]).flatMap((address, index) => {
      if (hidden.has(index)) return keeps(field, index) ? [address] : [];
      return unused.delete(address.toLowerCase()) ? [address] : [];
    });
    merged.push(...typed.filter((address) => unused.has(address.toLowerCase())));
    if (merged.length) next.details[field] = merged;
    else delete next.details[field];
  }
  return next;
}

/** Starting values: a new entry's sensible defaults, or the stored entry being edited. */
export async function entryFormDefaults(
  loaded: Loaded,
  requestedChannel: string | null,
  withheld?: Withheld,
): Promise<EntryFormDefaults> {
  const { current, existing, choices } = loaded;
  if (existing) {
    const { fields, doc, redaction, view } = withheld ?? (await loadWithheld(loaded));
    const details = fields.details;
    const visible = (field: HeaderField) =>
      asStrings(details[field])
        .filter((_address, index) => !view[field].some((item) => item.index === index))
        .join(", ");
    return {
      channel: fields.channel as EntryChannel,
      direction: fields.direction,
      occurredAtIso: fields.occurredAt,
      occurredAt: "",
      subject: view.subject ?? fields.subject,
      body: view.bodyHtml === null && doc ? JSON.stringify(doc) : "",
      audience: presetOf(
        choices.audience,
        fields.audience as never,
        fields.audienceOrganizationIds,
      ),
      audienceOrganizationIds: fields.audienceOrganizationIds,
      contactIds: fields.contactIds,
      userIds: fields.userIds,
      durationMinutes:
        typeof details.durationMinutes === "number" ? String(details.durationMinutes) : "",
      outcome: asString(details.outcome),
      emailFrom: visible("from"),
      emailTo: visible("to"),
      emailCc: visible("cc"),
      postalDate: asString(details.postalDate),
      reference: view.reference ?? redaction.text(asString(details.reference)),
      location: view.location ?? redaction.text(asString(details.location)),
    };
  }
  const channel = (entryChannels as readonly string[]).includes(requestedChannel ?? "")
    ? (requestedChannel as EntryChannel)
    : "call";
  const [author] = await db()
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, current.user.id));
  return {
    channel,
    direction: defaultDirection(channel),
    occurredAtIso: null,
    occurredAt: "",
    subject: "",
    body: "",
    audience: choices.audience.defaultPreset,
    audienceOrganizationIds: choices.audience.requiredOrganizationId
      ? [choices.audience.requiredOrganizationId]
      : [],
    // Nobody is ticked for the author: the last contact is offered (suggestedContact) instead.
    contactIds: [],
    userIds: [],
    durationMinutes: "",
    outcome: "",
    emailFrom: author?.email ?? "",
    emailTo: "",
    emailCc: "",
    postalDate: "",
    reference: "",
    location: "",
  };
}

/**
 * The contact person of the author's latest entry here, offered as a one-tap "Add …" on a new
 * entry (never ticked: a tap on a ticked chip would untick it), if the author may still pick it.
 */
export async function suggestedContact(loaded: Loaded) {
  const { current, project, choices } = loaded;
  const last = await lastContactOf(current.user.id, project.id);
  const contact = choices.contacts.find((choice) => choice.id === last);
  return contact ? { id: contact.id, name: contact.name } : null;
}

/** Names for the audience presets' descriptions, resolved like a reader would see them now. */
export function audienceSummaryOf({ project, current }: Loaded) {
  return audienceSummary(project, "history", current);
}
