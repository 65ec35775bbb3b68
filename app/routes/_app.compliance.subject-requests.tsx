import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { Eraser, FileArchive, Search, UserSearch } from "lucide-react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { dataSubjectKinds } from "#db/schema/values";
import { subject } from "#policies/ability";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Button, buttonClasses } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Field } from "~/components/ui/field";
import { SubjectExportList } from "~/features/compliance";
import {
  findDataSubjects,
  listSubjectExports,
  startSubjectExport,
} from "~/features/compliance/index.server";
import { readerLocaleOf, translatorOf } from "~/kernel/locale.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";
import { redirectWithToast } from "~/kernel/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded?.metaTitle ?? "Ambit" },
];

const PAGE = "/compliance/subject-requests";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  // Nobody else may learn whose data was asked for, nor that this page exists.
  if (!ability.can("read", "SubjectExport")) notFound();
  const t = await translatorOf(request, context);
  const query = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 200);
  const [people, exports] = await Promise.all([
    findDataSubjects(query),
    listSubjectExports(ability),
  ]);
  return {
    metaTitle: t("compliance.subjectExport.metaTitle"),
    query,
    people: people.map((person) => ({
      ...person,
      mayErase:
        !person.erased &&
        ability.can(
          "erase",
          person.kind === "contact"
            ? subject("Contact", { id: person.id })
            : subject("User", { id: person.id, role: person.role }),
        ),
    })),
    exports,
    canStart: ability.can("create", "SubjectExport"),
  };
}

const startSchema = z.object({ kind: z.enum(dataSubjectKinds), id: z.uuid() });

/** Back to the page with the search that found the person, so the list stays as it was. */
const pageWith = (query: FormDataEntryValue | null) =>
  typeof query === "string" && query.trim() ? `${PAGE}?q=${encodeURIComponent(query)}` : PAGE;

/** Starts an export of one person's data in the background. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { ability, auditActor } = await requireAbility(request, context);
  if (!ability.can("create", "SubjectExport")) notFound();
  const [t, reader] = await Promise.all([
    translatorOf(request, context),
    readerLocaleOf(request, context),
  ]);
  const form = await request.formData();
  const parsed = startSchema.safeParse({ kind: form.get("kind"), id: form.get("id") });
  const started = parsed.success ? await startSubjectExport(auditActor, parsed.data, reader) : null;
  return redirectWithToast(
    pageWith(form.get("q")),
    started
      ? { tone: "success", message: t("compliance.subjectExport.started", { name: started.name }) }
      : { tone: "info", message: t("compliance.subjectExport.unknownPerson") },
  );
}

export default function SubjectRequests() {
  const { query, people, exports, canStart } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const running = exports.some((row) => row.status === "queued" || row.status === "running");
  // While an export is being gathered, the page asks how far it got every two seconds.
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 2000);
    return () => window.clearInterval(timer);
  }, [running, revalidator]);
  const searched = query.trim().length > 0;
  const tooShort = searched && query.trim().length < 2;
  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6">
      <div>
        <p className="text-sm font-medium text-teal-800">
          <Link to="/compliance">{t("compliance.console.title")}</Link>
        </p>
        <h1 className="text-2xl font-semibold text-slate-900">
          {t("compliance.subjectExport.title")}
        </h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          {t("compliance.subjectExport.intro")}
        </p>
      </div>
      {canStart ? (
        <Card title={t("compliance.subjectExport.newExport")}>
          <Form method="get" className="flex flex-wrap items-end gap-3" role="search">
            <Field
              className="min-w-0 flex-1 basis-64"
              label={t("compliance.subjectExport.findLabel")}
              hint={t("compliance.subjectExport.findHint")}
              errors={tooShort ? [t("compliance.subjectExport.tooShort")] : undefined}
              inputProps={{
                id: "q",
                name: "q",
                type: "search",
                defaultValue: query,
                autoComplete: "off",
              }}
            />
            <Button type="submit" variant="secondary" className="mb-6">
              <Search aria-hidden className="size-4" />
              {t("compliance.subjectExport.find")}
            </Button>
          </Form>
          {searched && !tooShort ? (
            people.length ? (
              <section aria-labelledby="people-found" className="mt-2">
                <h3 id="people-found" className="text-sm font-semibold text-slate-900">
                  {t("compliance.subjectExport.results")}
                </h3>
                <ul className="mt-2 divide-y divide-slate-100">
                  {people.map((person) => (
                    <li
                      key={`${person.kind}-${person.id}`}
                      className="flex flex-wrap items-center justify-between gap-3 py-3"
                    >
                      <div className="min-w-0">
                        <p className="font-medium text-slate-900">
                          {person.name}{" "}
                          <span className="ml-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
                            {t(`compliance.subjectExport.kinds.${person.kind}`)}
                          </span>
                        </p>
                        <p className="text-sm break-words text-slate-600">
                          {[person.email, person.organization].filter(Boolean).join(" · ")}
                        </p>
                      </div>
                      {person.erased ? (
                        <span className="rounded-full bg-slate-100 px-3 py-1 text-sm font-medium text-slate-700">
                          {t("erasure.erased")}
                        </span>
                      ) : (
                        <div className="flex flex-wrap gap-2">
                          <Form method="post">
                            <input type="hidden" name="kind" value={person.kind} />
                            <input type="hidden" name="id" value={person.id} />
                            <input type="hidden" name="q" value={query} />
                            <Button
                              type="submit"
                              aria-label={t("compliance.subjectExport.startFor", {
                                name: person.name,
                              })}
                              pending={
                                navigation.state === "submitting" &&
                                navigation.formData?.get("id") === person.id
                              }
                            >
                              <FileArchive aria-hidden className="size-4" />
                              {t("compliance.subjectExport.start")}
                            </Button>
                          </Form>
                          {person.mayErase ? (
                            <Link
                              to={`/compliance/erasures/${person.kind}/${person.id}`}
                              aria-label={t("erasure.eraseFor", { name: person.name })}
                              className={buttonClasses("secondary")}
                            >
                              <Eraser aria-hidden className="size-4" />
                              {t("erasure.erase")}
                            </Link>
                          ) : null}
                        </div>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            ) : (
              <p className="mt-2 text-sm text-slate-600">
                {t("compliance.subjectExport.noMatches", { query })}
              </p>
            )
          ) : null}
        </Card>
      ) : null}
      <Card
        title={t("compliance.subjectExport.exports")}
        description={t("compliance.subjectExport.exportsHint")}
      >
        {exports.length ? (
          <SubjectExportList exports={exports} />
        ) : (
          <EmptyState
            icon={UserSearch}
            title={t("compliance.subjectExport.empty")}
            body={t("compliance.subjectExport.emptyHint")}
          />
        )}
      </Card>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
