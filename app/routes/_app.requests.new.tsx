import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useId, useState } from "react";
import { formatLocaleOf } from "~/i18n";
import { useTranslation } from "react-i18next";
import { requestPriorities, requestTypes } from "#db/schema";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { pageTitle } from "~/components/page-title";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { selectClasses } from "~/components/ui/select-field";
import { RichTextEditor } from "~/features/history";
import { findEntry, readFormWithFiles } from "~/features/history/index.server";
import { FileInput } from "~/components/ui/file-input";
import { env } from "~/kernel/env.server";
import { requestSettings } from "~/features/requests/request-settings.server";
import { openableProjects } from "~/features/requests/request-access.server";
import { openRequest, RequestWriteDenied } from "~/features/requests/request-write.server";
import { projectForPolicy } from "~/features/sharing/index.server";
import { translatorOf } from "~/kernel/locale.server";
import { requireAbility } from "~/kernel/permissions.server";
import { parseRichTextField } from "~/kernel/rich-text/rich-text.server";
import { redirectWithToast } from "~/kernel/toast.server";

export const meta: MetaFunction = pageTitle("requests.form.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  const url = new URL(request.url);
  const chosen = url.searchParams.get("project");
  const entryId = url.searchParams.get("entry");
  const entry = chosen && entryId ? await findEntry(ability, chosen, entryId) : undefined;
  return {
    source: entry ? { id: entry.id, subject: entry.subject } : null,
    projects: await openableProjects(ability),
    chosen,
    limitMb: env().UPLOAD_MAX_MB,
    // The promise the form makes: the first-response target of the chosen type and priority.
    targets: (await requestSettings()).targets,
  };
}

type Errors = Partial<
  Record<"project" | "type" | "priority" | "title" | "description" | "files", string>
>;

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireAbility(request, context);
  const t = await translatorOf(request, context);
  const upload = await readFormWithFiles(request, t);
  try {
    return await openFromForm(viewer, t, upload.formData, upload.files, upload.refusals);
  } finally {
    await upload.cleanup();
  }
}

async function openFromForm(
  viewer: Awaited<ReturnType<typeof requireAbility>>,
  t: Awaited<ReturnType<typeof translatorOf>>,
  form: FormData,
  files: Awaited<ReturnType<typeof readFormWithFiles>>["files"],
  refusals: string[],
) {
  const field = (name: string) => String(form.get(name) ?? "").trim();
  const values = {
    project: field("project"),
    type: field("type"),
    priority: field("priority"),
    title: field("title"),
    description: String(form.get("description") ?? ""),
    sourceEntryId: field("sourceEntryId"),
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
  // The call or letter it came from must be one the opener reads, in the same project.
  const source =
    project && values.sourceEntryId
      ? await findEntry(viewer.ability, project.id, values.sourceEntryId)
      : undefined;
  if (values.sourceEntryId && !source) errors.project = t("requests.errors.project");
  const description = parseRichTextField(values.description);
  if (!description.ok) errors.description = t("requests.errors.description");
  // A browser cannot refill a file field: a refused file is named, and all are chosen again.
  if (refusals.length)
    errors.files = [...refusals, t("entryForm.attachments.chooseAgain")].join(" ");
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
        sourceEntryId: source?.id ?? null,
      },
      files,
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
  const { projects: choices, chosen, limitMb, targets, source } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const descriptionId = useId();
  const errors = actionData?.errors ?? {};
  const values = actionData?.values;
  const [type, setType] = useState(values?.type ?? "question");
  const [priority, setPriority] = useState(values?.priority ?? "normal");
  const target =
    targets[type as keyof typeof targets]?.[priority as keyof (typeof targets)["question"]];
  const { i18n } = useTranslation();
  const hours = target
    ? new Intl.NumberFormat(formatLocaleOf(i18n.language), { maximumFractionDigits: 1 }).format(
        target.firstResponseMinutes / 60,
      )
    : null;
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
          <Form method="post" encType="multipart/form-data" className="flex flex-col gap-4">
            {source || values?.sourceEntryId ? (
              <>
                <input
                  type="hidden"
                  name="sourceEntryId"
                  value={values?.sourceEntryId ?? source?.id ?? ""}
                />
                {source ? (
                  <p className="rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200">
                    {t("requests.form.fromEntry", { subject: source.subject })}
                  </p>
                ) : null}
              </>
            ) : null}
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
                  value={type}
                  onChange={(event) => setType(event.target.value)}
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
                  value={priority}
                  onChange={(event) => setPriority(event.target.value)}
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
            {hours ? (
              <p className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-900">
                {t("requests.form.expectation", { hours })}
              </p>
            ) : null}
            <label className={labelClasses}>
              {t("requests.form.requestTitle")}
              <input
                name="title"
                required
                maxLength={200}
                defaultValue={values?.title ?? source?.subject ?? ""}
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
            <div className="flex flex-col gap-1.5">
              <label htmlFor="attachments" className="text-sm font-medium text-slate-800">
                {t("requests.form.files")}
              </label>
              <FileInput
                id="attachments"
                name="attachments"
                multiple
                accept=".pdf,.png,.jpg,.jpeg,.webp,.gif,.docx,.xlsx,.odt,.ods,.txt,.csv,.eml"
                aria-invalid={Boolean(errors.files) || undefined}
                aria-describedby={
                  errors.files ? "attachments-hint files-error" : "attachments-hint"
                }
              />
              <p id="attachments-hint" className="text-sm text-slate-600">
                {t("requests.form.filesHint", { limit: limitMb })}
              </p>
              {errorText("files")}
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
