import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Pager } from "~/components/ui/pager";
import { UnresolvedList, type DecisionError } from "~/features/mail-in";
import {
  assignableProjects,
  assignUnresolved,
  discardUnresolved,
  listUnresolved,
} from "~/features/mail-in/index.server";
import { translatorOf } from "~/kernel/locale.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";
import { redirectWithToast } from "~/kernel/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded?.metaTitle ?? "Ambit" },
];

/** What an account manager may give a placed mail: the presets every project offers them. */
const PRESETS = ["internal", "all_members", "partners", "customer"];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  // Nobody else may know the queue exists.
  if (!ability.can("read", "UnresolvedMail")) notFound();
  const t = await translatorOf(request, context);
  const [queue, projects] = await Promise.all([
    listUnresolved(ability, new URL(request.url).searchParams.get("after")),
    assignableProjects(ability),
  ]);
  return { metaTitle: t("mailIn.unresolved.metaTitle"), ...queue, projects, presets: PRESETS };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireAbility(request, context);
  if (!viewer.ability.can("update", "UnresolvedMail")) notFound();
  const t = await translatorOf(request, context);
  const form = await request.formData();
  const id = String(form.get("id") ?? "");
  const intent = form.get("intent");
  const result =
    intent === "assign"
      ? await assignUnresolved(
          viewer,
          id,
          {
            projectId: String(form.get("projectId") ?? ""),
            preset: String(form.get("audience") ?? ""),
          },
          t,
        )
      : intent === "discard"
        ? await discardUnresolved(viewer, id, String(form.get("reason") ?? ""))
        : ({ ok: false, error: "gone" } as const);
  if (result.ok) {
    return redirectWithToast("/mail/unresolved", {
      tone: "success",
      message:
        intent === "assign"
          ? t(result.duplicate ? "mailIn.unresolved.alreadyThere" : "mailIn.unresolved.assigned")
          : t("mailIn.unresolved.discarded"),
    });
  }
  const fields: Record<typeof result.error, DecisionError["field"]> = {
    gone: "form",
    notKept: "form",
    project: "projectId",
    audience: "audience",
    reason: "reason",
  };
  const error: DecisionError = {
    id,
    field: fields[result.error],
    message: t(`mailIn.unresolved.errors.${result.error}`),
  };
  return data({ error }, { status: result.error === "gone" ? 404 : 400 });
}

export default function UnresolvedMailPage() {
  const { items, total, nextCursor, projects, presets } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const paged = params.has("after");
  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("mailIn.unresolved.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("mailIn.unresolved.intro")}</p>
        {total > 0 ? (
          <p className="mt-2 text-sm font-medium text-slate-800" data-testid="unresolved-total">
            {t("mailIn.unresolved.waiting", { count: total })}
          </p>
        ) : null}
      </div>
      <UnresolvedList items={items} projects={projects} presets={presets} />
      <Pager
        label={t("mailIn.unresolved.pages")}
        firstHref={paged ? "?" : null}
        nextHref={nextCursor ? `?${new URLSearchParams({ after: nextCursor })}` : null}
        firstLabel={t("mailIn.unresolved.firstPage")}
        nextLabel={t("mailIn.unresolved.nextPage")}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
