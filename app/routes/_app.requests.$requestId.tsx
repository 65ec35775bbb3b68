import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ArrowLeft, Lock, Star, Users } from "lucide-react";
import { useId } from "react";
import { Trans, useTranslation } from "react-i18next";
import { requestPriorities, requestTypes, type RequestCommentAudience } from "#db/schema/values";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { LocalTime } from "~/components/local-time";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { cn } from "~/components/ui/cn";
import { selectClasses } from "~/components/ui/select-field";
import { FileList, RichTextEditor } from "~/features/history";
import { findEntry } from "~/features/history/index.server";
import {
  ExpectedAnswer,
  PriorityLabel,
  RequestStatusBadge,
  SlaBadge,
  type RequestEventView,
} from "~/features/requests";
import { requestClock } from "~/features/requests/request-clock.server";
import {
  handleRequestAction,
  requestPermissions,
  requestSharing,
} from "~/features/requests/request-page.server";
import { VisibilityPanel } from "~/features/sharing";
import {
  findRequest,
  readableComments,
  requestFiles,
  visibleEvents,
} from "~/features/requests/request.server";
import { requestPerspective } from "~/features/requests/request-views.server";
import { ItemAccessPanel } from "~/features/compliance";
import { itemAccessHistory } from "~/features/compliance/index.server";
import { recordAudit } from "~/kernel/audit/audit.server";
import { hostOrganizationName } from "~/features/projects/index.server";
import { translatorOf } from "~/kernel/locale.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";
import { redirectWithToast } from "~/kernel/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.request.reference} · ${data.request.title} · Ambit` : "Ambit" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const viewer = await requireAbility(request, context);
  const { ability } = viewer;
  const found = await findRequest(ability, params.requestId ?? "");
  if (!found) notFound();
  await recordAudit(viewer.auditActor, {
    action: "request.viewed",
    subjectType: "Request",
    subjectId: found.id,
    projectId: found.projectId,
  });
  const now = new Date();
  const perspective = requestPerspective(ability);
  const [comments, events, files, clock, source, access, explain] = await Promise.all([
    readableComments(ability, found.id),
    visibleEvents(ability, found.id),
    requestFiles(ability, found),
    requestClock(found.id, { now }),
    // Shown only to readers of the call or letter it came from (often an internal one).
    found.sourceEntryId ? findEntry(ability, found.projectId, found.sourceEntryId) : undefined,
    itemAccessHistory(ability, "request", found.id),
    requestSharing(viewer, found),
  ]);
  const ownOrganizationId = viewer.policyActor.organizationId;
  // Each party's share of the clock: the host sees all; a partner its own organisation's.
  const shares = (clock?.shares ?? []).filter(
    (share) =>
      perspective === "host" ||
      (perspective === "partner" &&
        share.party === "partner" &&
        share.organizationId === ownOrganizationId),
  );
  return {
    access,
    explain,
    now: now.toISOString(),
    perspective,
    hostName: await hostOrganizationName(viewer),
    source: source ? { id: source.id, subject: source.subject } : null,
    request: {
      id: found.id,
      reference: found.reference,
      title: found.title,
      type: found.type,
      priority: found.priority,
      status: found.status,
      projectId: found.projectId,
      projectName: found.projectName,
      accountName: found.accountName,
      ownerId: found.ownerId,
      ownerName: found.ownerName,
      openedByName: found.openedByName,
      assignedOrganizationId: found.assignedOrganizationId,
      assignedOrganizationName: found.assignedOrganizationName,
      descriptionHtml: found.descriptionHtml,
      createdAt: found.createdAt.toISOString(),
      dueAt: found.dueAt?.toISOString() ?? null,
      atRiskAt: found.atRiskAt?.toISOString() ?? null,
      firstRespondedAt: found.firstRespondedAt?.toISOString() ?? null,
      reopenableUntil: found.reopenableUntil?.toISOString() ?? null,
      rating: found.rating,
      ratingComment: found.ratingComment,
    },
    measures: clock
      ? (["firstResponse", "resolution"] as const).map((key) => ({
          key,
          state: clock[key].state,
          dueAt: clock[key].dueAt?.toISOString() ?? null,
          metAt: clock[key].metAt?.toISOString() ?? null,
        }))
      : [],
    shares: shares.map((share) => ({
      party: share.party,
      name: share.party === "partner" ? share.organizationId : null,
      hours: Math.round((share.businessMinutes / 60) * 10) / 10,
    })),
    organizationNames: Object.fromEntries(
      found.policyProject.liveMemberships.map((row) => [
        row.membership.organizationId,
        row.organizationName,
      ]),
    ) as Record<string, string>,
    comments: comments.map((comment) => ({
      id: comment.id,
      audience: comment.audience,
      bodyHtml: comment.bodyHtml,
      authorName: comment.authorName,
      authorOrganizationName: comment.authorOrganizationName,
      createdAt: comment.createdAt.toISOString(),
    })),
    events: events.map((event): RequestEventView => ({
      id: event.id,
      kind: event.kind,
      fromValue: event.fromValue,
      toValue: event.toValue,
      reason: event.reason,
      at: event.at.toISOString(),
      actorName: event.actorName,
      fromOrganizationName: event.fromOrganizationName,
      toOrganizationName: event.toOrganizationName,
      toUserName: event.toUserName,
    })),
    files: files.map((file) => ({ ...file, sizeBytes: Number(file.sizeBytes) })),
    permissions: await requestPermissions(viewer, found),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const viewer = await requireAbility(request, context);
  const found = await findRequest(viewer.ability, params.requestId ?? "");
  if (!found) notFound();
  const t = await translatorOf(request, context);
  const result = await handleRequestAction(viewer, found, await request.formData(), t);
  // A write the policy refuses is a 403; a move the request's state rules out, a 400.
  if (!result.ok) return data(result, { status: result.denied ? 403 : 400 });
  return redirectWithToast(`/requests/${found.id}`, { tone: "success", message: result.message });
}

const commentTones: Record<RequestCommentAudience, string> = {
  all_members: "bg-white ring-slate-200",
  partners: "bg-sky-50 ring-sky-200",
  internal: "bg-amber-50 ring-amber-200",
};

function EventLine({ event }: { event: RequestEventView }) {
  const { t } = useTranslation();
  const actor = event.actorName ?? t("requests.events.system");
  const status = (value: string | null) => (value ? t(`requests.statuses.${value}`) : "");
  let text: string;
  switch (event.kind) {
    case "opened":
      text = t("requests.events.opened", { actor });
      break;
    case "status":
      text =
        event.toValue === "in_progress" &&
        (event.fromValue === "resolved" || event.fromValue === "closed")
          ? t("requests.events.reopened", { actor })
          : t("requests.events.status", {
              actor,
              from: status(event.fromValue),
              to: status(event.toValue),
            });
      break;
    case "priority":
      text = t("requests.events.priority", {
        actor,
        from: t(`requests.priorities.${event.fromValue}`),
        to: t(`requests.priorities.${event.toValue}`),
      });
      break;
    case "type":
      text = t("requests.events.type", {
        actor,
        from: t(`requests.types.${event.fromValue}`),
        to: t(`requests.types.${event.toValue}`),
      });
      break;
    case "assigned":
      text = event.toOrganizationName
        ? t("requests.events.assigned", { actor, to: event.toOrganizationName })
        : t("requests.events.unassigned", { actor, from: event.fromOrganizationName ?? "" });
      break;
    case "owner":
      text = t("requests.events.owner", { actor, to: event.toUserName ?? "" });
      break;
    default:
      text = t("requests.events.rated", { actor, rating: event.toValue });
  }
  return (
    <li className="relative pl-5 before:absolute before:top-2 before:left-0 before:size-2 before:rounded-full before:bg-brand-500">
      <p className="text-sm text-slate-800">{text}</p>
      {event.reason ? <p className="text-sm text-slate-600">„{event.reason}“</p> : null}
      <p className="text-xs text-slate-500">
        <LocalTime iso={event.at} />
      </p>
    </li>
  );
}

function CommentForm({ kinds }: { kinds: RequestCommentAudience[] }) {
  const { t } = useTranslation();
  const labelId = useId();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const error = actionData && !actionData.ok && actionData.field === "comment" ? actionData : null;
  return (
    <Form method="post" className="flex flex-col gap-3">
      <input type="hidden" name="intent" value="comment" />
      {kinds.length > 1 ? (
        <fieldset className="flex flex-wrap gap-x-4 gap-y-2">
          <legend className="mb-1 text-sm font-medium text-slate-800">
            {t("requests.comments.kind")}
          </legend>
          {kinds.map((kind, index) => (
            <label key={kind} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="radio" name="audience" value={kind} defaultChecked={index === 0} />
              {t(`requests.comments.kinds.${kind}`)}
            </label>
          ))}
        </fieldset>
      ) : (
        <input type="hidden" name="audience" value={kinds[0]} />
      )}
      <span id={labelId} className="text-sm font-medium text-slate-800">
        {t("requests.comments.body")}
      </span>
      <RichTextEditor
        name="body"
        labelId={labelId}
        placeholder={t("requests.comments.placeholder")}
        errorId="comment-error"
        invalid={Boolean(error)}
      />
      {error ? (
        <p id="comment-error" className="text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      <Button type="submit" className="self-start" pending={navigation.state === "submitting"}>
        {t("requests.comments.send")}
      </Button>
    </Form>
  );
}

function ErrorFor({ field }: { field: string }) {
  const actionData = useActionData<typeof action>();
  if (!actionData || actionData.ok || actionData.field !== field) return null;
  return (
    <p role="alert" className="text-sm text-red-700">
      {actionData.message}
    </p>
  );
}

export default function RequestPage() {
  const {
    now,
    perspective,
    request,
    measures,
    shares,
    organizationNames,
    comments,
    events,
    files,
    permissions,
    hostName,
    source,
    access,
    explain,
  } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const customerView = perspective === "customer";
  const reopen = permissions.transitions.includes("in_progress") && customerView;
  return (
    <div className="flex flex-col gap-6">
      <Link
        to="/requests"
        className="inline-flex items-center gap-1 self-start text-sm text-slate-600 hover:text-slate-900"
      >
        <ArrowLeft className="size-4" aria-hidden="true" />
        {t("requests.page.back")}
      </Link>
      <header className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-3">
          <span className="font-mono text-sm text-slate-500">{request.reference}</span>
          <span className="text-sm text-slate-600">{t(`requests.types.${request.type}`)}</span>
          <PriorityLabel priority={request.priority} />
          <RequestStatusBadge status={request.status} customerView={customerView} />
          {!customerView ? <SlaBadge request={request} now={now} /> : null}
        </div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">
          {request.title}
        </h1>
        <p className="flex flex-wrap gap-x-3 text-sm text-slate-600">
          <Link to={`/projects/${request.projectId}`} className="hover:underline">
            {request.projectName}
          </Link>
          <span>
            <Trans
              i18nKey="requests.openedBy"
              values={{ name: request.openedByName }}
              components={{ date: <LocalTime iso={request.createdAt} /> }}
            />
          </span>
          {customerView ? <ExpectedAnswer request={request} now={now} /> : null}
          {source ? (
            <Link
              to={`/projects/${request.projectId}/history/${source.id}`}
              className="text-brand-700 hover:underline"
            >
              {t("requests.fromSource", { subject: source.subject })}
            </Link>
          ) : null}
        </p>
      </header>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="flex min-w-0 flex-col gap-6">
          <Card title={t("requests.page.description")}>
            <div
              className="prose prose-slate max-w-none text-sm"
              dangerouslySetInnerHTML={{ __html: request.descriptionHtml }}
            />
            {files.length ? (
              <div className="mt-4">
                <FileList attachments={files} />
              </div>
            ) : null}
          </Card>
          <Card title={t("requests.page.conversation")}>
            {comments.length === 0 ? (
              <p className="text-sm text-slate-600">{t("requests.page.noComments")}</p>
            ) : (
              <ol className="flex flex-col gap-3">
                {comments.map((comment) => (
                  <li
                    key={comment.id}
                    className={cn("rounded-lg p-3 ring-1", commentTones[comment.audience])}
                  >
                    <p className="flex flex-wrap items-center gap-x-2 text-xs text-slate-600">
                      <span className="font-semibold text-slate-800">
                        {t("requests.byline", {
                          name: comment.authorName,
                          organization: comment.authorOrganizationName,
                        })}
                      </span>
                      <LocalTime iso={comment.createdAt} />
                      {comment.audience !== "all_members" ? (
                        <span className="inline-flex items-center gap-1 font-semibold">
                          {comment.audience === "internal" ? (
                            <Lock className="size-3" aria-hidden="true" />
                          ) : (
                            <Users className="size-3" aria-hidden="true" />
                          )}
                          {t(`requests.comments.kinds.${comment.audience}`)}
                        </span>
                      ) : null}
                    </p>
                    <div
                      className="prose prose-slate mt-1 max-w-none text-sm"
                      dangerouslySetInnerHTML={{ __html: comment.bodyHtml }}
                    />
                  </li>
                ))}
              </ol>
            )}
            {permissions.commentKinds.length ? (
              <div className="mt-5 border-t border-slate-200 pt-4">
                {/* A fresh form (an empty editor) once the reply is in the conversation. */}
                <CommentForm key={comments.length} kinds={permissions.commentKinds} />
              </div>
            ) : null}
          </Card>
        </div>
        <aside className="flex flex-col gap-6">
          {reopen || (customerView && permissions.transitions.includes("closed")) ? (
            <Card title={t("requests.transition.title")}>
              {permissions.transitions.includes("closed") ? (
                <Form method="post" className="flex flex-col gap-2">
                  <p className="text-sm text-slate-600">{t("requests.transition.confirmHint")}</p>
                  <input type="hidden" name="intent" value="transition" />
                  <input type="hidden" name="to" value="closed" />
                  <Button type="submit" variant="secondary">
                    {t("requests.transition.confirm")}
                  </Button>
                </Form>
              ) : null}
              {reopen && request.reopenableUntil ? (
                <Form method="post" className="mt-4 flex flex-col gap-2">
                  <p className="text-sm text-slate-600">
                    <Trans
                      i18nKey="requests.transition.reopenHint"
                      components={{ date: <LocalTime iso={request.reopenableUntil} /> }}
                    />
                  </p>
                  <input type="hidden" name="intent" value="transition" />
                  <input type="hidden" name="to" value="in_progress" />
                  <Button type="submit" variant="secondary">
                    {t("requests.transition.reopen")}
                  </Button>
                </Form>
              ) : null}
              <ErrorFor field="transition" />
            </Card>
          ) : null}
          {!customerView && permissions.transitions.length ? (
            <Card title={t("requests.transition.title")}>
              <Form method="post" className="flex flex-col gap-3">
                <input type="hidden" name="intent" value="transition" />
                <label className="flex flex-col gap-1.5 text-sm font-medium text-slate-800">
                  {t("requests.transition.to")}
                  <select name="to" className={selectClasses(false)}>
                    {permissions.transitions.map((status) => (
                      <option key={status} value={status}>
                        {status === "waiting_on_customer"
                          ? t("requests.hostStatuses.waiting_on_customer")
                          : t(`requests.statuses.${status}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="flex flex-col gap-1.5 text-sm font-medium text-slate-800">
                  {t("requests.transition.reason")}
                  <input
                    name="reason"
                    maxLength={500}
                    placeholder={t("requests.transition.reasonPlaceholder")}
                    className={selectClasses(false)}
                  />
                </label>
                <ErrorFor field="transition" />
                <Button type="submit" variant="secondary">
                  {t("requests.transition.submit")}
                </Button>
              </Form>
            </Card>
          ) : null}
          {permissions.mayAssign ? (
            <Card title={t("requests.assign.title")}>
              <Form method="post" className="flex flex-col gap-3">
                <input type="hidden" name="intent" value="assign" />
                <label className="flex flex-col gap-1.5 text-sm font-medium text-slate-800">
                  {t("requests.assign.organization")}
                  <select
                    name="organizationId"
                    defaultValue={request.assignedOrganizationId ?? ""}
                    className={selectClasses(false)}
                  >
                    <option value="">{t("requests.assign.nobody")}</option>
                    {permissions.assignable.map((organization) => (
                      <option key={organization.id} value={organization.id}>
                        {organization.name}
                      </option>
                    ))}
                  </select>
                </label>
                <ErrorFor field="assign" />
                <Button type="submit" variant="secondary">
                  {t("requests.assign.submit")}
                </Button>
              </Form>
            </Card>
          ) : !customerView ? (
            <Card title={t("requests.assign.title")}>
              <p className="text-sm text-slate-700">
                {request.assignedOrganizationName
                  ? t("requests.assignedTo", { name: request.assignedOrganizationName })
                  : t("requests.notAssigned")}
              </p>
            </Card>
          ) : null}
          {permissions.mayChange ? (
            <Card title={t("requests.change.title")}>
              <Form method="post" className="flex flex-col gap-3">
                <input type="hidden" name="intent" value="change" />
                <label className="flex flex-col gap-1.5 text-sm font-medium text-slate-800">
                  {t("requests.form.type")}
                  <select name="type" defaultValue={request.type} className={selectClasses(false)}>
                    {requestTypes.map((type) => (
                      <option key={type} value={type}>
                        {t(`requests.types.${type}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="flex flex-col gap-1.5 text-sm font-medium text-slate-800">
                  {t("requests.form.priority")}
                  <select
                    name="priority"
                    defaultValue={request.priority}
                    className={selectClasses(false)}
                  >
                    {requestPriorities.map((priority) => (
                      <option key={priority} value={priority}>
                        {t(`requests.priorities.${priority}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="flex flex-col gap-1.5 text-sm font-medium text-slate-800">
                  {t("requests.change.owner")}
                  <select
                    name="ownerId"
                    defaultValue={request.ownerId}
                    className={selectClasses(false)}
                  >
                    {permissions.owners.map((owner) => (
                      <option key={owner.id} value={owner.id}>
                        {owner.name}
                      </option>
                    ))}
                  </select>
                </label>
                <ErrorFor field="change" />
                <Button type="submit" variant="secondary">
                  {t("requests.change.submit")}
                </Button>
              </Form>
            </Card>
          ) : null}
          {!customerView && measures.length ? (
            <Card title={t("requests.sla.clockTitle")} description={t("requests.sla.clockIntro")}>
              <dl className="flex flex-col gap-2 text-sm">
                {measures.map((measure) => (
                  <div key={measure.key} className="flex flex-col">
                    <dt className="font-medium text-slate-800">
                      {t(
                        measure.key === "firstResponse"
                          ? "requests.sla.responseLabel"
                          : "requests.sla.resolutionLabel",
                      )}
                      {" · "}
                      {t(`requests.sla.states.${measure.state}`)}
                    </dt>
                    <dd className="text-slate-600">
                      {measure.metAt ? (
                        <LocalTime iso={measure.metAt} />
                      ) : measure.dueAt ? (
                        <LocalTime iso={measure.dueAt} />
                      ) : null}
                    </dd>
                  </div>
                ))}
              </dl>
              {shares.length ? (
                <ul className="mt-4 flex flex-col gap-1 border-t border-slate-200 pt-3 text-sm">
                  {shares.map((share, index) => (
                    <li key={index} className="flex justify-between gap-3">
                      <span className="text-slate-700">
                        {share.party === "customer"
                          ? t("requests.sla.parties.customer")
                          : share.party === "partner"
                            ? (organizationNames[share.name ?? ""] ?? "")
                            : t("requests.sla.parties.host", { name: hostName })}
                      </span>
                      <span className="font-medium text-slate-900 tabular-nums">
                        {t("requests.sla.hours", { value: share.hours })}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </Card>
          ) : null}
          {permissions.mayRate || request.rating ? (
            // The resolution email links here (#rating).
            <div id="rating" className="scroll-mt-20">
              <Card title={t("requests.rating.title")}>
                {request.rating ? (
                  <p className="flex items-center gap-1 text-sm text-slate-800">
                    {Array.from({ length: 5 }, (_, index) => (
                      <Star
                        key={index}
                        aria-hidden="true"
                        className={cn(
                          "size-4",
                          index < request.rating!
                            ? "fill-amber-400 text-amber-500"
                            : "text-slate-300",
                        )}
                      />
                    ))}
                    <span className="ml-2">
                      {t("requests.rating.given", { rating: request.rating })}
                    </span>
                  </p>
                ) : null}
                {request.ratingComment ? (
                  <p className="mt-2 text-sm text-slate-600">„{request.ratingComment}“</p>
                ) : null}
                {permissions.mayRate && !request.rating ? (
                  <Form method="post" className="flex flex-col gap-3">
                    <p className="text-sm text-slate-600">{t("requests.rating.prompt")}</p>
                    <input type="hidden" name="intent" value="rate" />
                    <fieldset className="flex gap-3">
                      <legend className="sr-only">{t("requests.rating.stars")}</legend>
                      {[1, 2, 3, 4, 5].map((value) => (
                        <label key={value} className="flex items-center gap-1 text-sm">
                          <input
                            type="radio"
                            name="rating"
                            value={value}
                            required
                            aria-label={t("requests.rating.star", { count: value })}
                          />
                          <span aria-hidden="true">{value}</span>
                        </label>
                      ))}
                    </fieldset>
                    <label className="flex flex-col gap-1.5 text-sm font-medium text-slate-800">
                      {t("requests.rating.comment")}
                      <textarea
                        name="comment"
                        rows={3}
                        maxLength={2000}
                        className="rounded-lg border border-slate-300 p-2 text-sm font-normal"
                      />
                    </label>
                    <ErrorFor field="rate" />
                    <Button type="submit">{t("requests.rating.submit")}</Button>
                  </Form>
                ) : null}
              </Card>
            </div>
          ) : null}
          <Card title={t("requests.page.history")}>
            <ol className="flex flex-col gap-3">
              {events.map((event) => (
                <EventLine key={event.id} event={event} />
              ))}
            </ol>
          </Card>
          {explain ? <VisibilityPanel explanation={explain} item="request" /> : null}
          {access ? <ItemAccessPanel access={access} /> : null}
        </aside>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
