import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ArrowLeft, EyeOff, MessageSquarePlus, Pencil, Reply, ShieldAlert } from "lucide-react";
import { useTranslation } from "react-i18next";
import { ChannelIcon, Direction } from "~/features/history/components/entry-channel";
import { AudienceBadge } from "~/features/sharing/components/audience-badge";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { LocalTime } from "~/components/local-time";
import { EntryRevisions } from "~/features/history/components/entry-revisions";
import { Button, buttonClasses } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { cn } from "~/components/ui/cn";
import { findEntry, listRevisions } from "~/features/history/entry.server";
import {
  contactRedaction,
  entryRedactionSources,
  isDoc,
  redactDetails,
  redactionLabels,
} from "~/features/accounts/contact-redaction.server";
import { describeRevisions, revisionSources } from "~/features/history/entry-revisions.server";
import { EntryAttachments } from "~/features/history/components/entry-attachments";
import { EmailThread } from "~/features/history/components/email-thread";
import { emailThread } from "~/features/history/email-thread.server";
import { storedEntrySubject } from "~/features/history/entry-subject.server";
import {
  maySeeSharing,
  projectForPolicy,
  readsInternalItems,
  sharingExplanation,
} from "~/features/sharing/index.server";
import { VisibilityPanel } from "~/features/sharing";
import { ItemAccessPanel } from "~/features/compliance";
import { itemAccessHistory } from "~/features/compliance/index.server";
import {
  EntryWriteDenied,
  listParticipants,
  redactEntry,
} from "~/features/history/entry-write.server";
import { findProject } from "~/features/projects/project.server";
import { mayOpenRequestIn } from "~/features/requests/index.server";
import { DeliveryStatus } from "~/features/mail-out";
import { deliveryOf, maySendFrom, retryOutboundEmail } from "~/features/mail-out/index.server";
import { translatorOf } from "~/kernel/locale.server";
import { recordAudit } from "~/kernel/audit/audit.server";
import { forbidden, notFound, requireAbility } from "~/kernel/permissions.server";
import { redirectWithToast } from "~/kernel/toast.server";

const MAX_REASON = 500;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.entry.subject ? `${data.entry.subject} · Ambit` : "Ambit" },
];

const text = (value: unknown) => (typeof value === "string" && value.trim() ? value : null);
const list = (value: unknown) =>
  Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string").join(", ") || null
    : text(value);

/** The channel fields worth showing, as plain strings (details is free-form JSON). */
function channelDetails(details: Record<string, unknown>) {
  const minutes = details.durationMinutes;
  return {
    durationMinutes: typeof minutes === "number" && Number.isFinite(minutes) ? minutes : null,
    outcome: text(details.outcome),
    postalDate: text(details.postalDate),
    reference: text(details.reference),
    from: text(details.from),
    to: list(details.to),
    cc: list(details.cc),
    location: text(details.location),
  };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const current = await requireAbility(request, context);
  const { ability } = current;
  const found = await findProject(ability, params.projectId ?? "");
  if (!found) notFound();
  const entry = await findEntry(ability, found.project.id, params.entryId ?? "");
  if (!entry) notFound();
  await recordAudit(current.auditActor, {
    action: "entry.viewed",
    subjectType: "Entry",
    subjectId: entry.id,
    projectId: entry.projectId,
  });
  const seesSharing = maySeeSharing(ability);
  const redacted = entry.redactedAt !== null;
  const project = (await projectForPolicy(entry.projectId, { scope: ability }))!;
  const asSubject = storedEntrySubject(project, entry);
  const attachments = redacted ? [] : entry.attachments;
  const [revisionRows, participants, threadRows] = redacted
    ? [[], { contacts: [], users: [] }, []]
    : await Promise.all([
        listRevisions(entry.id),
        listParticipants(ability, entry.id),
        entry.threadKey ? emailThread(ability, entry.projectId, entry.threadKey) : [],
      ]);
  // Contact persons' addresses and numbers only for readers with the contacts section.
  const sources = entryRedactionSources(entry);
  const mentioned = revisionSources(revisionRows);
  const redaction = await contactRedaction(
    current,
    redactionLabels(await translatorOf(request, context)),
    {
      ...sources,
      addresses: [...sources.addresses!, ...mentioned.addresses!],
      texts: [...sources.texts!, ...mentioned.texts!, ...threadRows.map((row) => row.subject)],
    },
  );
  const revisions = await describeRevisions(ability, revisionRows, {
    seesSharing,
    redaction,
    projectId: entry.projectId,
  });
  const body = redaction.body({
    doc: isDoc(entry.body) ? entry.body : null,
    html: entry.bodyHtml,
    text: entry.bodyText,
  });
  // Only an outbound email can have been sent from Ambit: other entries cost no query.
  const mayBeSent = !redacted && entry.channel === "email" && entry.direction === "outbound";
  const delivery = mayBeSent ? ((await deliveryOf(ability, project, entry.id)) ?? null) : null;
  const explain = seesSharing
    ? {
        ...(await sharingExplanation(
          current,
          project,
          (asOf) => storedEntrySubject(asOf, entry),
          "history",
        )),
        audience: { kind: entry.audience, names: entry.audienceNames },
      }
    : null;
  return {
    projectId: found.project.id,
    entry: {
      id: entry.id,
      channel: entry.channel,
      direction: entry.direction,
      occurredAt: entry.occurredAt.toISOString(),
      loggedAt: entry.createdAt.toISOString(),
      authorName: entry.authorName,
      authorOrganizationName: entry.authorOrganizationName,
      redacted,
      redactedAt: entry.redactedAt?.toISOString() ?? null,
      // A redacted entry is a tombstone: none of its content leaves the server.
      subject: redacted ? null : redaction.text(entry.subject),
      bodyHtml: redacted ? "" : body.html,
      details: redacted
        ? null
        : channelDetails(redactDetails(redaction, entry.details, entry.projectId)),
      redactionReason: redacted && readsInternalItems(ability) ? entry.redactionReason : null,
    },
    revisions,
    attachments,
    participants: [
      ...participants.contacts.map((contact) => contact.name),
      ...participants.users.map((user) => `${user.name} (${user.organizationName})`),
    ],
    delivery,
    // A conversation of one is no conversation.
    thread:
      threadRows.length > 1
        ? threadRows.map((row) => ({
            id: row.id,
            subject: row.redactedAt ? "" : redaction.text(row.subject),
            direction: row.direction,
            occurredAt: row.occurredAt.toISOString(),
            redacted: row.redactedAt !== null,
          }))
        : [],
    // An email sent from Ambit stays what was sent.
    canEdit: !redacted && !delivery && ability.can("update", asSubject),
    // Host staff turn a call or a letter into a request on the customer's behalf.
    canOpenRequest: !redacted && readsInternalItems(ability) && mayOpenRequestIn(ability, project),
    canRedact: !redacted && ability.can("redact", asSubject),
    // An email with its Message-ID can be answered from Ambit, in its conversation.
    canReply:
      !redacted &&
      entry.channel === "email" &&
      entry.messageId !== null &&
      maySendFrom(ability, project),
    explain,
    access: await itemAccessHistory(ability, "entry", entry.id),
  };
}

/**
 * An administrator's redaction, or sending a failed email again; anyone else who reads the
 * entry gets 403, and nothing changes.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const current = await requireAbility(request, context);
  const t = await translatorOf(request, context);
  const found = await findProject(current.ability, params.projectId ?? "");
  if (!found) notFound();
  const entry = await findEntry(current.ability, found.project.id, params.entryId ?? "");
  if (!entry) notFound();
  const project = (await projectForPolicy(entry.projectId, { scope: current.ability }))!;
  const form = await request.formData();
  if (form.get("intent") === "retry-email") {
    const delivery = entry.redactedAt
      ? undefined
      : await deliveryOf(current.ability, project, entry.id);
    if (!delivery) notFound();
    // Sent again already (a second click, another tab): nothing to do, and no error.
    if (delivery.status !== "failed") {
      return redirectWithToast(`/projects/${project.id}/history/${entry.id}`, {
        tone: "info",
        message: t("mailOut.notFailedAnyMore"),
      });
    }
    if (!delivery.mayRetry) forbidden(t("mailOut.errors.retryForbidden"));
    const queued = await retryOutboundEmail(current.auditActor, entry.id, project.id);
    return redirectWithToast(`/projects/${project.id}/history/${entry.id}`, {
      tone: queued ? "success" : "info",
      message: t(queued ? "mailOut.retried" : "mailOut.notFailedAnyMore"),
    });
  }
  if (!current.ability.can("redact", storedEntrySubject(project, entry))) {
    forbidden(t("entryForm.errors.redactForbidden"));
  }
  if (entry.redactedAt) {
    return data({ reasonError: t("entryForm.errors.alreadyRedacted") }, { status: 409 });
  }
  const reason = String(form.get("reason") ?? "").trim();
  if (reason.length === 0 || reason.length > MAX_REASON) {
    return data({ reasonError: t("entryForm.errors.redactReason") }, { status: 400 });
  }
  try {
    await redactEntry(current.ability, current.auditActor, project, entry, reason);
  } catch (error) {
    if (error instanceof EntryWriteDenied) forbidden(t("entryForm.errors.redactForbidden"));
    throw error;
  }
  return redirectWithToast(`/projects/${project.id}/history/${entry.id}`, {
    tone: "success",
    message: t("entryForm.redact.done"),
  });
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="mt-0.5 font-medium break-words text-slate-900">{children}</dd>
    </div>
  );
}

export default function EntryPage() {
  const {
    entry,
    revisions,
    attachments,
    participants,
    canEdit,
    canRedact,
    canOpenRequest,
    explain,
    projectId,
    delivery,
    thread,
    canReply,
    access,
  } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const details = entry.details;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Link
          to=".."
          relative="path"
          className="inline-flex w-fit items-center gap-1.5 text-sm font-medium text-brand-700 hover:text-brand-900"
        >
          <ArrowLeft aria-hidden className="size-4" />
          {t("history.entry.back")}
        </Link>
        <div className="flex flex-wrap gap-2">
          {canReply ? (
            <Link
              to={`/projects/${projectId}/history/email?replyTo=${entry.id}`}
              className={buttonClasses("secondary")}
            >
              <Reply aria-hidden className="size-4" />
              {t("mailOut.reply")}
            </Link>
          ) : null}
          {canOpenRequest ? (
            <Link
              to={`/requests/new?project=${projectId}&entry=${entry.id}`}
              className={buttonClasses("secondary")}
            >
              <MessageSquarePlus aria-hidden className="size-4" />
              {t("requests.fromEntry")}
            </Link>
          ) : null}
          {canEdit ? (
            <Link to="edit" className={buttonClasses("secondary")}>
              <Pencil aria-hidden className="size-4" />
              {t("history.entry.edit")}
            </Link>
          ) : null}
        </div>
      </div>

      <div
        className={cn(
          "grid gap-6 lg:items-start",
          explain ? "lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]" : "max-w-3xl",
        )}
      >
        <div className="flex flex-col gap-6">
          <article className="rounded-xl border border-slate-200 bg-white shadow-sm">
            <header className="flex gap-3 border-b border-slate-100 px-5 py-4">
              {entry.redacted ? (
                <span className="flex size-9 shrink-0 items-center justify-center rounded-full bg-slate-100 text-slate-500">
                  <EyeOff aria-hidden className="size-4" />
                </span>
              ) : (
                <ChannelIcon channel={entry.channel} />
              )}
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
                  <h2
                    className={cn(
                      "text-lg font-semibold break-words",
                      entry.redacted ? "text-slate-500 italic" : "text-slate-900",
                    )}
                  >
                    {entry.subject ?? t("history.redacted")}
                  </h2>
                  {explain ? <AudienceBadge audience={explain.audience} /> : null}
                </div>
                <p className="mt-0.5 text-sm text-slate-600">
                  {t("history.byline", {
                    author: entry.authorName,
                    organization: entry.authorOrganizationName,
                  })}
                </p>
                {delivery ? (
                  <div className="mt-3">
                    <DeliveryStatus delivery={delivery} />
                  </div>
                ) : null}
              </div>
            </header>
            <div className="px-5 py-4">
              <dl className="grid gap-4 text-sm sm:grid-cols-3">
                <Field label={t("history.entry.occurredAt")}>
                  <LocalTime iso={entry.occurredAt} />
                </Field>
                <Field label={t("history.entry.loggedAt")}>
                  <LocalTime iso={entry.loggedAt} />
                </Field>
                <Field label={t("history.entry.channel")}>
                  {t(`history.channels.${entry.channel}`)}
                </Field>
                <Field label={t("history.entry.direction")}>
                  <Direction direction={entry.direction} />
                </Field>
                {details?.durationMinutes != null ? (
                  <Field label={t("history.entry.duration")}>
                    {t("history.entry.durationMinutes", { count: details.durationMinutes })}
                  </Field>
                ) : null}
                {details?.outcome ? (
                  <Field label={t("history.entry.outcome")}>
                    {t(`history.entry.outcomes.${details.outcome}`, {
                      defaultValue: details.outcome,
                    })}
                  </Field>
                ) : null}
                {details?.postalDate ? (
                  <Field label={t("history.entry.postalDate")}>{details.postalDate}</Field>
                ) : null}
                {details?.reference ? (
                  <Field label={t("history.entry.reference")}>{details.reference}</Field>
                ) : null}
                {details?.from ? (
                  <Field label={t("history.entry.from")}>{details.from}</Field>
                ) : null}
                {details?.to ? <Field label={t("history.entry.to")}>{details.to}</Field> : null}
                {details?.cc ? <Field label={t("history.entry.cc")}>{details.cc}</Field> : null}
                {details?.location ? (
                  <Field label={t("history.entry.location")}>{details.location}</Field>
                ) : null}
                {participants.length ? (
                  <Field label={t("history.entry.participants")}>{participants.join(", ")}</Field>
                ) : null}
                {entry.redactedAt ? (
                  <Field label={t("history.redactedOn")}>
                    <LocalTime iso={entry.redactedAt} />
                  </Field>
                ) : null}
                {entry.redactionReason ? (
                  <Field label={t("history.entry.redactionReason")}>{entry.redactionReason}</Field>
                ) : null}
              </dl>
            </div>
            {entry.redacted ? null : (
              <div className="border-t border-slate-100 px-5 py-4">
                <h3 className="sr-only">{t("history.entry.body")}</h3>
                {entry.bodyHtml ? (
                  <div
                    className="entry-body max-w-none space-y-3 break-words text-slate-800 [&_a]:text-brand-700 [&_a]:underline [&_ol]:list-decimal [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:pl-6"
                    // Sanitised when the entry is saved; the seed writes escaped text.
                    dangerouslySetInnerHTML={{ __html: entry.bodyHtml }}
                  />
                ) : (
                  <p className="text-sm text-slate-500">{t("history.entry.noBody")}</p>
                )}
              </div>
            )}
            {attachments.length ? (
              <div className="border-t border-slate-100 px-5 py-4">
                <EntryAttachments attachments={attachments} />
              </div>
            ) : null}
          </article>

          {thread.length ? (
            <EmailThread messages={thread} currentId={entry.id} projectId={projectId} />
          ) : null}

          <Card title={t("history.entry.revisions")}>
            <EntryRevisions revisions={revisions} />
          </Card>

          {canRedact ? <RedactForm /> : null}
        </div>

        {explain || access ? (
          <div className="flex flex-col gap-6">
            {explain ? <VisibilityPanel explanation={explain} item="entry" /> : null}
            {access ? <ItemAccessPanel access={access} /> : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** The administrator's redaction: a reason, a confirmation, and the content is gone for all. */
function RedactForm() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const error = result && "reasonError" in result ? result.reasonError : null;
  return (
    <Card title={t("entryForm.redact.title")} description={t("entryForm.redact.description")}>
      <Form
        method="post"
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          if (!window.confirm(t("entryForm.redact.confirm"))) event.preventDefault();
        }}
      >
        <div className="flex flex-col gap-1.5">
          <label htmlFor="reason" className="text-sm font-medium text-slate-800">
            {t("entryForm.redact.reason")}
          </label>
          <textarea
            id="reason"
            name="reason"
            rows={3}
            maxLength={MAX_REASON}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "reason-hint reason-error" : "reason-hint"}
            className={cn(
              "rounded-lg border bg-white px-3 py-2 text-base shadow-sm sm:text-sm",
              error ? "border-red-500" : "border-slate-300",
            )}
          />
          <p id="reason-hint" className="text-sm text-slate-600">
            {t("entryForm.redact.reasonHint")}
          </p>
          {error ? (
            <p id="reason-error" className="text-sm font-medium text-red-700">
              {error}
            </p>
          ) : null}
        </div>
        <Button
          type="submit"
          variant="danger"
          className="w-fit"
          pending={navigation.state === "submitting"}
        >
          <ShieldAlert aria-hidden className="size-4" />
          {t("entryForm.redact.submit")}
        </Button>
      </Form>
    </Card>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
