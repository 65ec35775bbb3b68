import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { Building2, Eye, ShieldCheck } from "lucide-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { membershipAccess, projectSections } from "#db/schema/values";
import { subject } from "#policies/ability";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { CalendarDay, LocalTime } from "~/components/local-time";
import { Badge } from "~/features/projects/components/project-status";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { cn } from "~/components/ui/cn";
import { DateInput } from "~/components/ui/date-input";
import { parseDay } from "~/kernel/day-input";
import { translatorOf } from "~/kernel/locale.server";
import {
  addMembership,
  findMembership,
  findProject,
  hostOrganizationName,
  invitableOrganizations,
  listMemberships,
  MembershipConflict,
  membershipSubject,
  revokeMembership,
  updateMembership,
} from "~/features/projects/project.server";
import { calendarDayIn, endOfDayIn, HOST_TIME_ZONE } from "~/kernel/time-zone";
import { notFound, requireAbility, requireCan } from "~/kernel/permissions.server";
import { redirectWithToast } from "~/kernel/toast.server";

const scopeFields = (t: TFunction) => ({
  access: z.enum(membershipAccess, { error: t("errors.chooseOption") }),
  sections: z
    .array(z.enum(projectSections), { error: t("projects.members.errors.sectionsRequired") })
    .min(1, t("projects.members.errors.sectionsRequired")),
  // Typed as the reader writes days ("31.12.2026", "31/12/2026") or ISO; kept as `YYYY-MM-DD`.
  expiresOn: z
    .string()
    .transform((value, ctx) => {
      const day = parseDay(value);
      if (day && endOfDay(day)) return day;
      ctx.addIssue({ code: "custom", message: t("projects.members.errors.expiryInvalid") });
      return z.NEVER;
    })
    .refine(
      (value) => (endOfDay(value)?.getTime() ?? Infinity) > Date.now(),
      t("projects.members.errors.expiryPast"),
    )
    .optional(),
  userIds: z.array(z.uuid()).default([]),
});

/** Access granted "until 2026-12-31" lasts through that whole day where the host works. */
function endOfDay(isoDate: string) {
  return endOfDayIn(isoDate, HOST_TIME_ZONE);
}

/** The stored end of a validated expiry day; no day, no end. */
function expiryOf(expiresOn: string | undefined) {
  if (!expiresOn) return null;
  const end = endOfDay(expiresOn);
  if (!end) throw new Error(`Expiry day not validated: ${expiresOn}`);
  return end;
}

const addSchema = (t: TFunction) =>
  z.object({
    intent: z.literal("add"),
    organizationId: z.uuid({ error: t("projects.members.errors.organizationRequired") }),
    ...scopeFields(t),
  });

const updateSchema = (t: TFunction) =>
  z.object({ intent: z.literal("update"), membershipId: z.uuid(), ...scopeFields(t) });

async function loadProject(
  request: Request,
  context: LoaderFunctionArgs["context"],
  projectId: string,
) {
  const current = await requireAbility(request, context);
  const found = await findProject(current.ability, projectId);
  if (!found) notFound();
  return { current, found };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { current, found } = await loadProject(request, context, params.projectId ?? "");
  const { ability } = current;
  const project = found.project;
  const canManage = ability.can("manage", membershipSubject(project));
  const rows = await listMemberships(ability, project.id);
  const showScope = ability.can("read", membershipSubject(project), "sections");
  return {
    canManage,
    showScope,
    previewHref: ability.can("preview", subject("Project", project))
      ? `/projects/${project.id}/preview`
      : null,
    hostName: await hostOrganizationName(current),
    members: rows.map((row) => ({
      id: row.membership.id,
      organizationId: row.membership.organizationId,
      name: row.organizationName,
      kind: row.organizationKind,
      state: row.state,
      people: row.people.map((person) => ({ id: person.id, name: person.name })),
      ...(showScope
        ? {
            access: row.membership.access,
            sections: row.membership.sections,
            expiresAt: row.membership.expiresAt?.toISOString() ?? null,
            // The day chosen, as the host's calendar has it: shown and edited as a date.
            expiresOn: row.membership.expiresAt
              ? calendarDayIn(row.membership.expiresAt, HOST_TIME_ZONE)
              : null,
            revokedAt: row.membership.revokedAt?.toISOString() ?? null,
          }
        : {}),
    })),
    organizations: canManage ? await invitableOrganizations(ability, project) : [],
  };
}

type ActionResult = { intent: string; membershipId?: string; result: SubmissionResult<string[]> };

export async function action({
  request,
  context,
  params,
}: ActionFunctionArgs): Promise<ActionResult | Response> {
  const { current, found } = await loadProject(request, context, params.projectId ?? "");
  const project = found.project;
  const t = await translatorOf(request, context);
  // Refused before anything is read from the form or stored.
  requireCan(
    current.ability,
    "manage",
    membershipSubject(project),
    t("projects.members.forbidden"),
  );
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const actor = current.auditActor;
  const back = `/projects/${project.id}/members`;

  if (intent === "add") {
    const submission = parseWithZod(formData, { schema: addSchema(t) });
    if (submission.status !== "success") return { intent, result: submission.reply() };
    const { organizationId, expiresOn, ...scope } = submission.value;
    const target = (await invitableOrganizations(current.ability, project)).find(
      (org) => org.id === organizationId,
    );
    if (!target) {
      return {
        intent,
        result: submission.reply({
          fieldErrors: { organizationId: [t("projects.members.errors.organizationUnknown")] },
        }),
      };
    }
    try {
      await addMembership(
        project,
        { organizationId, ...scope, expiresAt: expiryOf(expiresOn) },
        actor,
      );
    } catch (error) {
      if (!(error instanceof MembershipConflict)) throw error;
      return {
        intent,
        result: submission.reply({
          fieldErrors: { organizationId: [t("projects.members.errors.alreadyMember")] },
        }),
      };
    }
    return redirectWithToast(back, {
      tone: "success",
      message: t("projects.members.added", { name: target.name }),
    });
  }

  const membershipId = String(formData.get("membershipId") ?? "");
  const membership = await findMembership(project.id, membershipId);
  if (!membership || membership.revokedAt) notFound();
  const name = (await listMemberships(current.ability, project.id)).find(
    (row) => row.membership.id === membership.id,
  )?.organizationName;

  if (intent === "revoke") {
    await revokeMembership(membership, actor);
    return redirectWithToast(back, {
      tone: "success",
      message: t("projects.members.revoked", { name }),
    });
  }
  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: updateSchema(t) });
    if (submission.status !== "success")
      return { intent, membershipId, result: submission.reply() };
    const { expiresOn, ...scope } = submission.value;
    await updateMembership(membership, { ...scope, expiresAt: expiryOf(expiresOn) }, actor);
    return redirectWithToast(back, {
      tone: "success",
      message: t("projects.members.updated", { name }),
    });
  }
  throw new Response("Unknown action", { status: 400 });
}

type Member = Awaited<ReturnType<typeof loader>>["members"][number];
type Person = { id: string; name: string };

function ScopeFields({
  idPrefix,
  member,
  people,
  fields,
  resubmitted = false,
}: {
  idPrefix: string;
  member?: Member;
  people: Person[];
  fields: Record<string, { errors?: string[]; initialValue?: unknown }>;
  /** The form came back refused: its fields show what was sent, not what is stored. */
  resubmitted?: boolean;
}) {
  const { t } = useTranslation();
  const chosen = new Set(member?.people.map((person) => person.id));
  const expiresOn = fields.expiresOn;
  const errorText = (name: string) =>
    fields[name]?.errors?.length ? (
      <p className="text-sm font-medium text-red-700" id={`${idPrefix}-${name}-error`}>
        {fields[name]!.errors!.join(" ")}
      </p>
    ) : null;
  return (
    <div className="grid gap-5 sm:grid-cols-2">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-800">
          {t("projects.members.access")}
        </legend>
        {membershipAccess.map((access) => (
          <label key={access} className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="radio"
              name="access"
              value={access}
              defaultChecked={(member?.access ?? "view") === access}
              className="size-4 accent-brand-600"
            />
            {t(`projects.overview.accessLevel.${access}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="flex flex-col gap-2" aria-describedby={`${idPrefix}-sections-error`}>
        <legend className="mb-1 text-sm font-medium text-slate-800">
          {t("projects.members.sections")}
        </legend>
        {projectSections.map((section) => (
          <label key={section} className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              name="sections"
              value={section}
              defaultChecked={member?.sections?.includes(section) ?? section === "history"}
              className="size-4 accent-brand-600"
            />
            {t(`projects.sections.${section}`)}
          </label>
        ))}
        {errorText("sections")}
      </fieldset>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${idPrefix}-expires`} className="text-sm font-medium text-slate-800">
          {t("projects.members.expires")}
        </label>
        <DateInput
          id={`${idPrefix}-expires`}
          name="expiresOn"
          defaultValue={
            resubmitted
              ? typeof expiresOn?.initialValue === "string"
                ? expiresOn.initialValue
                : ""
              : undefined
          }
          defaultDay={member?.expiresOn}
          aria-invalid={expiresOn?.errors?.length ? true : undefined}
          aria-describedby={[
            `${idPrefix}-expires-hint`,
            expiresOn?.errors?.length ? `${idPrefix}-expiresOn-error` : "",
          ]
            .filter(Boolean)
            .join(" ")}
          className={cn(
            "min-h-11 rounded-lg border bg-white px-3 text-base placeholder:text-slate-400 sm:text-sm",
            expiresOn?.errors?.length ? "border-red-500" : "border-slate-300",
          )}
        />
        <p id={`${idPrefix}-expires-hint`} className="text-xs text-slate-500">
          {t("projects.members.never")}
        </p>
        {errorText("expiresOn")}
      </div>
      {people.length > 0 ? (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium text-slate-800">
            {t("projects.members.people")}
          </legend>
          {people.map((person) => (
            <label key={person.id} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                name="userIds"
                value={person.id}
                defaultChecked={chosen.has(person.id)}
                className="size-4 accent-brand-600"
              />
              {person.name}
            </label>
          ))}
          <p className="text-xs text-slate-500">{t("projects.members.namedHint")}</p>
        </fieldset>
      ) : null}
    </div>
  );
}

function MemberRow({
  member,
  canManage,
  showScope,
  previewHref,
  people,
  lastResult,
}: {
  member: Member;
  canManage: boolean;
  showScope: boolean;
  previewHref: string | null;
  people: Person[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({ id: `member-${member.id}`, lastResult });
  const live = member.state === "active";
  return (
    <li className="py-4" data-testid="member-row">
      <div className="flex flex-wrap items-start gap-3">
        <Building2 aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-400" />
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
            {member.name}
            <span className="text-sm font-normal text-slate-500">
              {t(`projects.kinds.${member.kind}`)}
            </span>
            {showScope ? (
              <Badge tone={live ? "active" : member.state}>
                {t(`projects.members.state.${member.state}`)}
              </Badge>
            ) : null}
          </p>
          <p className="text-sm text-slate-600">
            {member.people.length
              ? member.people.map((person) => person.name).join(", ")
              : t("projects.members.wholeOrganization", { name: member.name })}
          </p>
          {showScope && member.access ? (
            <p className="mt-1 text-sm text-slate-600">
              {t(`projects.overview.accessLevel.${member.access}`)} ·{" "}
              {member.sections?.map((section) => t(`projects.sections.${section}`)).join(", ")}
              {member.revokedAt ? (
                <>
                  {" "}
                  · {t("projects.members.revokedOn")} <LocalTime iso={member.revokedAt} />
                </>
              ) : member.expiresOn ? (
                <>
                  {" "}
                  · {live ? t("projects.members.expiresOn") : t("projects.members.expiredOn")}{" "}
                  <CalendarDay day={member.expiresOn} />
                </>
              ) : null}
            </p>
          ) : null}
          {previewHref && member.state !== "revoked" ? (
            <Link
              to={`${previewHref}?${new URLSearchParams({ organization: member.organizationId })}`}
              className="mt-1 inline-flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:underline"
            >
              <Eye aria-hidden className="size-4" />
              {t("sharing.explain.previewAs", { name: member.name })}
            </Link>
          ) : null}
        </div>
      </div>
      {canManage && live ? (
        <details
          // A saved change remounts the panel closed; a refused one keeps it open with its errors.
          key={JSON.stringify([member.access, member.sections, member.expiresAt, member.people])}
          className="mt-3 ml-8 rounded-lg border border-slate-200"
          open={Boolean(form.errors || lastResult)}
        >
          <summary className="cursor-pointer px-4 py-2 text-sm font-medium text-brand-700">
            {t("projects.members.edit")}
          </summary>
          <div className="flex flex-col gap-4 border-t border-slate-100 p-4">
            <Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
              <input type="hidden" name="intent" value="update" />
              <input type="hidden" name="membershipId" value={member.id} />
              <ScopeFields
                idPrefix={member.id}
                member={member}
                people={people}
                fields={fields}
                resubmitted={Boolean(lastResult)}
              />
              <div>
                <Button type="submit">{t("projects.members.save")}</Button>
              </div>
            </Form>
            <Form
              method="post"
              className="border-t border-slate-100 pt-4"
              onSubmit={(event) => {
                if (!confirm(t("projects.members.revokeConfirm", { name: member.name })))
                  event.preventDefault();
              }}
            >
              <input type="hidden" name="intent" value="revoke" />
              <input type="hidden" name="membershipId" value={member.id} />
              <Button type="submit" variant="danger">
                {t("projects.members.revoke")}
              </Button>
            </Form>
          </div>
        </details>
      ) : null}
    </li>
  );
}

function AddMember({
  organizations,
  taken,
  lastResult,
}: {
  organizations: Awaited<ReturnType<typeof loader>>["organizations"];
  taken: Set<string>;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "add-member",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addSchema(t) }),
    shouldValidate: "onSubmit",
  });
  const available = organizations.filter((org) => !taken.has(org.id));
  const people = available.flatMap((org) =>
    org.people.map((person) => ({ ...person, name: `${person.name} (${org.name})` })),
  );
  return (
    <Card
      title={t("projects.members.add.title")}
      description={t("projects.members.add.description")}
    >
      <Form method="post" className="flex flex-col gap-5" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add" />
        {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
        <div className="flex max-w-md flex-col gap-1.5">
          <label htmlFor="add-member-organization" className="text-sm font-medium text-slate-800">
            {t("projects.members.add.organization")}
          </label>
          <select
            id="add-member-organization"
            name="organizationId"
            defaultValue=""
            aria-invalid={fields.organizationId.errors ? true : undefined}
            aria-describedby={
              fields.organizationId.errors ? "add-member-organization-error" : undefined
            }
            className="min-h-11 rounded-lg border border-slate-300 bg-white px-3 text-base sm:text-sm"
          >
            <option value="">{t("projects.members.add.chooseOrganization")}</option>
            {available.map((org) => (
              <option key={org.id} value={org.id}>
                {org.name} · {t(`projects.kinds.${org.kind}`)}
              </option>
            ))}
          </select>
          {fields.organizationId.errors ? (
            <p id="add-member-organization-error" className="text-sm font-medium text-red-700">
              {fields.organizationId.errors.join(" ")}
            </p>
          ) : null}
        </div>
        <ScopeFields
          idPrefix="add-member"
          people={people}
          fields={fields}
          resubmitted={Boolean(lastResult)}
        />
        <div>
          <Button type="submit" pending={navigation.formData?.get("intent") === "add"}>
            {t("projects.members.add.submit")}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

export default function ProjectMembers() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const peopleOf = (organizationId: string) =>
    data.organizations.find((org) => org.id === organizationId)?.people ?? [];
  const taken = new Set(
    data.members.filter((m) => m.state !== "revoked").map((m) => m.organizationId),
  );
  const intro = data.canManage ? "manage" : data.showScope ? "host" : "external";

  return (
    <div className="flex flex-col gap-6">
      <p className="text-slate-600">{t(`projects.members.intro.${intro}`)}</p>
      <Card>
        <ul className="-my-4 divide-y divide-slate-100" data-testid="member-list">
          <li className="flex items-start gap-3 py-4">
            <ShieldCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-brand-600" />
            <div>
              <p className="font-medium text-slate-900">{t("projects.members.host")}</p>
              <p className="text-sm text-slate-600">
                {t("projects.members.hostNote", { name: data.hostName })}
              </p>
            </div>
          </li>
          {data.members.map((member) => (
            <MemberRow
              key={member.id}
              member={member}
              canManage={data.canManage}
              showScope={data.showScope}
              previewHref={data.previewHref}
              people={peopleOf(member.organizationId)}
              lastResult={
                actionData && "membershipId" in actionData && actionData.membershipId === member.id
                  ? actionData.result
                  : undefined
              }
            />
          ))}
        </ul>
      </Card>
      {data.canManage ? (
        <AddMember
          organizations={data.organizations}
          taken={taken}
          lastResult={
            actionData && "intent" in actionData && actionData.intent === "add"
              ? actionData.result
              : undefined
          }
        />
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
