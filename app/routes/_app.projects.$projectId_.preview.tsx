import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { redactionLabels } from "~/features/accounts/index.server";
import { ProjectPreviewPage } from "~/features/preview";
import {
  choosePreviewParty,
  previewChoices,
  previewProject,
} from "~/features/preview/index.server";
import { findProject } from "~/features/projects/index.server";
import { subject } from "#policies/ability";
import { translatorOf } from "~/kernel/locale.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.metaTitle} · Ambit` : "Ambit" },
];

/**
 * The project as a member organisation (or one of its users) sees it, for its owner, admins and
 * compliance officers. Read-only: the page has no form but the choice of whom to preview as.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const viewer = await requireAbility(request, context);
  const found = await findProject(viewer.ability, params.projectId ?? "");
  if (!found || !viewer.ability.can("preview", subject("Project", found.project))) notFound();
  const { project } = found;
  const url = new URL(request.url);
  const t = await translatorOf(request, context);
  const choices = await previewChoices(viewer.ability, project.id);
  const party = choosePreviewParty(
    choices,
    url.searchParams.get("organization"),
    url.searchParams.get("person"),
  );
  return {
    metaTitle: t("sharing.preview.title"),
    project: { id: project.id, name: project.name, accountName: found.accountName },
    choices,
    party: party ? { organizationId: party.choice.organizationId, person: party.person } : null,
    preview: party
      ? await previewProject(viewer.auditActor, project.id, party, redactionLabels(t))
      : null,
  };
}

export default function ProjectPreviewRoute() {
  return <ProjectPreviewPage data={useLoaderData<typeof loader>()} />;
}

export const ErrorBoundary = RouteErrorBoundary;
