import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { asc } from "drizzle-orm";
import { db } from "#db/client.server";
import { projects, requestPriorities, requestTypes } from "#db/schema";
import { accessibleWhere } from "#policies/to-sql";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { pageTitle } from "~/components/page-title";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { selectClasses } from "~/components/ui/select-field";
import { RichTextEditor } from "~/features/history";
import { requestSubject } from "~/features/requests/request-subject.server";
import { openRequest, RequestWriteDenied } from "~/features/requests/request-write.server";
import { projectForPolicy } from "~/features/sharing/index.server";
import { translatorOf } from "~/kernel/locale.server";
import { requireAbility } from "~/kernel/permissions.server";
import { parseRichTextField } from "~/kernel/rich-text/rich-text.server";
import { redirectWithToast } from "~/kernel/toast.server";
import type { AppAbility } from "#policies/ability";

export const meta: MetaFunction = pageTitle("requests.form.title");

/** The projects the reader may open a request in (for their customer). */
async function openableProjects(ability: AppAbility) {
  const readable = await db()
    .select({ id: projects.id, name: projects.name })
    .from(projects)
    .where(accessibleWhere(ability, "read", "Project"))
    .orderBy(asc(projects.name));
  const allowed = [];
  for (const row of readable) {
    const project = await projectForPolicy(row.id, { scope: ability });
    const fields = {
      organizationId: project?.accountId ?? "",
      assignedOrganizationId: null,
      status: "new",
    };
    if (project && ability.can("create", requestSubject(project, fields))) allowed.push(row);
  }
  return allowed;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  const url = new URL(request.url);
  return { projects: await openableProjects(ability), chosen: url.searchParams.get("project") };
}

type Errors = Partial<Record<"project" | "type" | "priority" | "title" | "description", string>>;

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireAbility(request, context);
  const t = await translatorOf(request, context);
  const form = await request.formData();
  const field = (name: string) => String(form.get(name) ?? "").trim();
  const values = {
    project: field("project"),
    type: field("type"),
    priority: field("priority"),
    title: field("title"),
    description: String(form.get("description") ?? ""),
  };
  const errors: Errors = {};
  const project = await projectForPolicy(values.project, { scope: viewer.ability });
  if (!project) errors.project = t("requests.errors.project");
  if (!(requestTypes as readonly string[]).includes(values.type)) {
    errors.type = t("requests.errors.type");
  }
  if (!(requestPriorities as readonly string[]).includes(values.priority)) {
    errors.priority = t("requests.errors.priority");
  }
  if (!values.title || values.title.length > 200) errors.title = t("requests.errors.title");
  const description = parseRichTextField(values.description);
  if (!description.ok) errors.description = t("requests.errors.description");
  if (Object.keys(errors).length || !project || !description.ok) {
    return data({ errors, values }, { status: 400 });
  }
  try {
    const opened = await openRequest(
      { ability: viewer.ability, actor: viewer.policyActor, auditActor: viewer.auditActor },
      project,
      {
        type: values.type as (typeof requestTypes)[number],
        priority: values.priority as (typeof requestPriorities)[number],
        title: values.title,
        description: description.value,
      },
    );
    return redirectWithToast(`/requests/${opened.id}`, {
      tone: "success",
      message: t("requests.form.opened", { reference: opened.reference }),
    });
  } catch (error) {
    if (!(error instanceof RequestWriteDenied)) throw error;
    return data(
      { errors: { project: t("requests.errors.project") } as Errors, values },
      { status: 403 },
    );
  }
}

export default function NewRequestPage() {
  const { projects: choices, chosen } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const descriptionId = useId();
  const errors = actionData?.errors ?? {};
  const values = actionData?.values;
  const errorText = (name: keyof Errors) =>
    errors[name] ? (
      <p id={`${name}-error`} className="text-sm text-red-700">
        {errors[name]}
      </p>
    ) : null;
  const labelClasses = "flex flex-col gap-1.5 text-sm font-medium text-slate-800";
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">
          {t("requests.form.title")}
        </h1>
        <p className="mt-1 text-slate-600">{t("requests.form.intro")}</p>
      </header>
      <Card>
        {choices.length === 0 ? (
          <p className="text-sm text-slate-700">{t("requests.form.noProjects")}</p>
        ) : (
          <Form method="post" className="flex flex-col gap-4">
            <label className={labelClasses}>
              {t("requests.form.project")}
              <select
                name="project"
                defaultValue={
                  values?.project ?? chosen ?? (choices.length === 1 ? choices[0]!.id : "")
                }
                aria-invalid={Boolean(errors.project) || undefined}
                aria-describedby={errors.project ? "project-error" : undefined}
                className={selectClasses(Boolean(errors.project))}
              >
                <option value="">{t("requests.form.chooseProject")}</option>
                {choices.map((project) => (
                  <option key={project.id} value={project.id}>
                    {project.name}
                  </option>
                ))}
              </select>
              {errorText("project")}
            </label>
            <div className="grid gap-4 sm:grid-cols-2">
              <label className={labelClasses}>
                {t("requests.form.type")}
                <select
                  name="type"
                  defaultValue={values?.type ?? "question"}
                  className={selectClasses(Boolean(errors.type))}
                >
                  {requestTypes.map((type) => (
                    <option key={type} value={type}>
                      {t(`requests.types.${type}`)}
                    </option>
                  ))}
                </select>
                {errorText("type")}
              </label>
              <label className={labelClasses}>
                {t("requests.form.priority")}
                <select
                  name="priority"
                  defaultValue={values?.priority ?? "normal"}
                  className={selectClasses(Boolean(errors.priority))}
                >
                  {requestPriorities.map((priority) => (
                    <option key={priority} value={priority}>
                      {t(`requests.priorities.${priority}`)}
                    </option>
                  ))}
                </select>
                {errorText("priority")}
              </label>
            </div>
            <label className={labelClasses}>
              {t("requests.form.requestTitle")}
              <input
                name="title"
                required
                maxLength={200}
                defaultValue={values?.title ?? ""}
                placeholder={t("requests.form.titlePlaceholder")}
                aria-invalid={Boolean(errors.title) || undefined}
                aria-describedby={errors.title ? "title-error" : undefined}
                className={selectClasses(Boolean(errors.title))}
              />
              {errorText("title")}
            </label>
            <div className="flex flex-col gap-1.5">
              <span id={descriptionId} className="text-sm font-medium text-slate-800">
                {t("requests.form.description")}
              </span>
              <RichTextEditor
                name="description"
                labelId={descriptionId}
                defaultValue={values?.description ?? ""}
                placeholder={t("requests.form.descriptionPlaceholder")}
                errorId="description-error"
                invalid={Boolean(errors.description)}
              />
              {errorText("description")}
            </div>
            <Button
              type="submit"
              className="self-start"
              pending={navigation.state === "submitting"}
            >
              {t("requests.form.submit")}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
