import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Building2, CalendarDays, Eye, UserRound, Users } from "lucide-react";
import { useTranslation } from "react-i18next";
import { ItemAccessPanel } from "~/features/compliance";
import { itemAccessHistory } from "~/features/compliance/index.server";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Card } from "~/components/ui/card";
import { CaptureAddresses } from "~/features/mail-in";
import { rotateCaptureAddress } from "~/features/capture/index.server";
import { mayRotateCaptureAddress, visibleCaptureAddresses } from "~/features/mail-in/index.server";
import { findProject, seesEveryProject } from "~/features/projects/project.server";
import { VisibilityPanel } from "~/features/sharing";
import {
  maySeeSharing,
  projectForPolicy,
  projectSharingExplanation,
} from "~/features/sharing/index.server";
import { subject } from "#policies/ability";
import { translatorOf } from "~/kernel/locale.server";
import { forbidden, notFound, requireAbility } from "~/kernel/permissions.server";
import { redirectWithToast } from "~/kernel/toast.server";
import { formatLocaleOf } from "~/i18n";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const viewer = await requireAbility(request, context);
  const { ability, user } = viewer;
  const found = await findProject(ability, params.projectId ?? "");
  if (!found) notFound();
  const { project } = found;
  // The live memberships as the policy reads them: the members card and one's own scope.
  const policyProject = await projectForPolicy(project.id, { scope: ability });
  const memberships = policyProject?.memberships ?? [];
  // Each one through the policy's Membership rule, as a list of memberships would be.
  const live = (policyProject?.liveMemberships ?? []).filter((row) =>
    ability.can(
      "read",
      subject("Membership", {
        ...row.membership,
        userIds: row.people.map((person) => person.id),
        project: { id: project.id, memberships },
      }),
    ),
  );
  const own = seesEveryProject(ability)
    ? undefined
    : live.find((row) => row.membership.organizationId === user.organizationId)?.membership;
  // Members of a project read its customer account; the policy says so, so ask it.
  const opensAccount = ability.can(
    "read",
    subject("Account", {
      id: project.accountId,
      projects: [{ id: project.id, memberships }],
    }),
  );
  return {
    description: project.description,
    startsOn: project.startsOn,
    endsOn: project.endsOn,
    owner: found.ownerName,
    accountId: project.accountId,
    accountName: found.accountName,
    opensAccount,
    own: own ? { access: own.access, sections: own.sections } : null,
    members: live.map((row) => ({
      id: row.membership.id,
      name: row.organizationName,
      kind: row.organizationKind,
    })),
    ...(await captureCard(viewer, policyProject)),
    access: await itemAccessHistory(ability, "project", project.id),
    explain:
      policyProject && maySeeSharing(ability)
        ? await projectSharingExplanation(viewer, policyProject)
        : null,
    previewHref: ability.can("preview", subject("Project", project))
      ? `/projects/${project.id}/preview`
      : null,
  };
}

/** The capture addresses the reader may see, and the host's name their text needs. */
async function captureCard(
  viewer: Awaited<ReturnType<typeof requireAbility>>,
  project: Awaited<ReturnType<typeof projectForPolicy>>,
) {
  const { addresses, hostName } = project
    ? await visibleCaptureAddresses(viewer.ability, project, viewer)
    : { addresses: [], hostName: "" };
  return { captureAddresses: addresses, hostName };
}

/** A new capture address for an organisation (the old one stops working at once). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const viewer = await requireAbility(request, context);
  const t = await translatorOf(request, context);
  const found = await findProject(viewer.ability, params.projectId ?? "");
  if (!found) notFound();
  const project = await projectForPolicy(found.project.id, { scope: viewer.ability });
  const form = await request.formData();
  const organizationId = String(form.get("organizationId") ?? "");
  const shown = project
    ? (await visibleCaptureAddresses(viewer.ability, project, viewer)).addresses
    : [];
  const row = shown.find((address) => address.organizationId === organizationId);
  if (form.get("intent") !== "rotate-capture" || !row) notFound();
  if (!mayRotateCaptureAddress(viewer.ability, project!, organizationId)) {
    forbidden(t("mailIn.capture.rotateForbidden"));
  }
  const rotated = await rotateCaptureAddress(
    project!.id,
    organizationId,
    viewer.auditActor,
    form.get("address")?.toString(),
  );
  // Someone replaced it after this page was shown: the page then shows theirs, unchanged.
  return redirectWithToast(`/projects/${project!.id}`, {
    tone: rotated ? "success" : "info",
    message: t(rotated ? "mailIn.capture.rotated" : "mailIn.capture.alreadyRotated", {
      organization: row.organizationName,
    }),
  });
}

export default function ProjectOverview() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const date = (value: string) =>
    new Intl.DateTimeFormat(formatLocaleOf(i18n.language), {
      dateStyle: "long",
      timeZone: "UTC",
    }).format(new Date(value));

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)] lg:items-start">
      <div className="flex flex-col gap-6">
        <Card title={t("projects.overview.description")}>
          <p className="whitespace-pre-line text-slate-700">
            {data.description || (
              <span className="text-slate-500">{t("projects.overview.noDescription")}</span>
            )}
          </p>
        </Card>
        {data.own ? (
          <Card title={t("projects.overview.yourAccess")}>
            <dl className="grid gap-4 text-sm sm:grid-cols-2">
              <div>
                <dt className="flex items-center gap-2 text-slate-500">
                  <Eye aria-hidden className="size-4" />
                  {t("projects.members.access")}
                </dt>
                <dd className="mt-1 font-medium text-slate-900">
                  {t(`projects.overview.accessLevel.${data.own.access}`)}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("projects.overview.sectionsYouSee")}</dt>
                <dd className="mt-1 font-medium text-slate-900" data-testid="own-sections">
                  {data.own.sections.length
                    ? data.own.sections
                        .map((section) => t(`projects.sections.${section}`))
                        .join(", ")
                    : t("projects.overview.noSections")}
                </dd>
              </div>
            </dl>
          </Card>
        ) : null}
        <CaptureAddresses addresses={data.captureAddresses} hostName={data.hostName} />
      </div>
      <div className="flex flex-col gap-6">
        <Card>
          <dl className="flex flex-col gap-4 text-sm">
            <div>
              <dt className="flex items-center gap-2 text-slate-500">
                <Building2 aria-hidden className="size-4" />
                {t("projects.overview.account")}
              </dt>
              <dd className="mt-1 font-medium text-slate-900">
                {data.opensAccount ? (
                  <Link
                    to={`/accounts/${data.accountId}`}
                    className="text-brand-700 hover:underline"
                  >
                    {data.accountName}
                  </Link>
                ) : (
                  data.accountName
                )}
              </dd>
            </div>
            <div>
              <dt className="flex items-center gap-2 text-slate-500">
                <UserRound aria-hidden className="size-4" />
                {t("projects.overview.owner")}
              </dt>
              <dd className="mt-1 font-medium text-slate-900">{data.owner}</dd>
            </div>
            <div>
              <dt className="flex items-center gap-2 text-slate-500">
                <CalendarDays aria-hidden className="size-4" />
                {t("projects.overview.dates")}
              </dt>
              <dd className="mt-1 text-slate-900">
                {data.startsOn || data.endsOn ? (
                  <>
                    {data.startsOn ? (
                      <span className="block">
                        {t("projects.overview.starts", { date: date(data.startsOn) })}
                      </span>
                    ) : null}
                    {data.endsOn ? (
                      <span className="block">
                        {t("projects.overview.ends", { date: date(data.endsOn) })}
                      </span>
                    ) : null}
                  </>
                ) : (
                  <span className="text-slate-500">{t("projects.overview.noDates")}</span>
                )}
              </dd>
            </div>
          </dl>
        </Card>
        <Card title={t("projects.overview.membersTitle")}>
          <ul className="flex flex-col gap-2 text-sm">
            {data.members.map((member) => (
              <li key={member.id} className="flex items-center gap-2">
                <Users aria-hidden className="size-4 text-slate-400" />
                <span className="font-medium text-slate-900">{member.name}</span>
                <span className="text-slate-500">· {t(`projects.kinds.${member.kind}`)}</span>
              </li>
            ))}
            {data.members.length === 0 ? (
              <li className="text-slate-500">{t("projects.members.emptyExternal")}</li>
            ) : null}
          </ul>
          <div className="mt-4 flex flex-wrap gap-x-4 gap-y-2 text-sm font-medium">
            <Link to="members" className="text-brand-700 hover:underline">
              {t("projects.overview.seeMembers")}
            </Link>
            {data.previewHref ? (
              <Link
                to={data.previewHref}
                className="inline-flex items-center gap-1.5 text-brand-700 hover:underline"
                data-testid="preview-link"
              >
                <Eye aria-hidden className="size-4" />
                {t("sharing.preview.title")}
              </Link>
            ) : null}
          </div>
        </Card>
        {data.explain ? (
          <VisibilityPanel
            explanation={data.explain}
            item="project"
            previewHref={data.previewHref}
          />
        ) : null}
        {data.access ? <ItemAccessPanel access={data.access} /> : null}
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
