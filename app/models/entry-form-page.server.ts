import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { db } from "#db/client.server";
import { entries, users, entryChannels, type EntryChannel } from "#db/schema";
import type { EntryFormDefaults } from "~/components/entry-form";
import { i18nServer } from "~/i18next.server";
import { entrySubject, projectForPolicy } from "~/models/entry-subject.server";
import type { FormChoices } from "~/models/entry-form.server";
import {
  audienceChoices,
  currentFields,
  lastContactOf,
  participantChoices,
  presetOf,
} from "~/models/entry-write.server";
import { findEntry } from "~/models/entry.server";
import { findProject, hostOrganizationName } from "~/models/project.server";
import { defaultDirection } from "~/utils/entry-defaults";
import { forbidden, notFound, requireAbility } from "~/utils/permissions.server";

const asString = (value: unknown) => (typeof value === "string" ? value : "");
const asList = (value: unknown) =>
  Array.isArray(value) ? value.filter((item) => typeof item === "string").join(", ") : "";

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
  const t = await i18nServer.getFixedT(request);
  const found = await findProject(current.ability, params.projectId ?? "");
  if (!found) notFound();
  const project = await projectForPolicy(found.project.id);
  if (!project) notFound();
  const existing = params.entryId
    ? await findEntry(current.ability, project.id, params.entryId)
    : null;
  if (params.entryId && !existing) notFound();
  if (existing) {
    if (existing.redactedAt || !current.ability.can("update", entrySubject(project, existing))) {
      forbidden(t("entryForm.errors.updateForbidden"));
    }
  } else if (!current.ability.can("create", entrySubject(project))) {
    forbidden(t("entryForm.errors.createForbidden"));
  }
  const participants = await participantChoices(current.ability, project);
  const choices: FormChoices = {
    audience: audienceChoices(current.policyActor, project),
    contacts: participants.contacts,
    users: participants.users,
  };
  return { current, t, project, found, existing, choices };
}

type Loaded = Awaited<ReturnType<typeof loadEntryForm>>;

/** Starting values: a new entry's sensible defaults, or the stored entry being edited. */
export async function entryFormDefaults(
  loaded: Loaded,
  requestedChannel: string | null,
): Promise<EntryFormDefaults> {
  const { current, existing, choices } = loaded;
  if (existing) {
    const fields = (await currentFields(existing.id))!;
    const [stored] = await db()
      .select({ body: entries.body })
      .from(entries)
      .where(eq(entries.id, existing.id));
    const details = fields.details;
    return {
      channel: fields.channel as EntryChannel,
      direction: fields.direction,
      occurredAtIso: fields.occurredAt,
      occurredAt: "",
      subject: fields.subject,
      body: stored?.body ? JSON.stringify(stored.body) : "",
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
      emailFrom: asString(details.from),
      emailTo: asList(details.to),
      emailCc: asList(details.cc),
      postalDate: asString(details.postalDate),
      reference: asString(details.reference),
      location: asString(details.location),
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
export async function audienceSummary(loaded: Loaded) {
  const { project, current } = loaded;
  const withHistory = project.liveMemberships.filter(
    (row) => row.organizationKind !== "host" && row.membership.sections.includes("history"),
  );
  const names = (kind?: string) =>
    withHistory
      .filter((row) => !kind || row.organizationKind === kind)
      .map((row) => row.organizationName);
  return {
    hostName: await hostOrganizationName(),
    ownName: current.organization.name,
    all_members: names(),
    partners: names("partner"),
    customer: names("customer"),
  };
}
