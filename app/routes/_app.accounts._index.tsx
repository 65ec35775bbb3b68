import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Building2, ChevronRight, FolderKanban, Search, SearchX, UsersRound } from "lucide-react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Alert } from "~/components/ui/alert";
import { Button, buttonClasses } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { translatorOf } from "~/kernel/locale.server";
import { ACCOUNT_LIST_LIMIT, listAccounts } from "~/features/accounts/account.server";
import { requireAbility } from "~/kernel/permissions.server";
import { EmptyState } from "~/components/ui/empty-state";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.metaTitle ?? "Ambit" },
];

/** Longer searches are cut, so a pasted essay does not become a query. */
const MAX_SEARCH = 100;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  const t = await translatorOf(request, context);
  const search = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, MAX_SEARCH);
  const { rows, truncated } = await listAccounts(ability, { search });
  return {
    metaTitle: t("accounts.list.metaTitle"),
    accounts: rows,
    search,
    truncated,
    limit: ACCOUNT_LIST_LIMIT,
  };
}

export default function AccountsPage() {
  const { accounts, search, truncated, limit } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const searching = navigation.state === "loading" && navigation.location.pathname === "/accounts";
  const count =
    accounts.length === 0
      ? undefined
      : search
        ? t("accounts.list.countMatching", { count: accounts.length, search })
        : t("accounts.list.countAll", { count: accounts.length });

  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          {t("accounts.list.title")}
        </h1>
        <p className="mt-1 text-slate-600">{t("accounts.list.intro")}</p>
      </header>

      <Form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <div className="flex min-w-0 flex-1 flex-col gap-1.5 sm:max-w-md">
          <label htmlFor="account-search" className="text-sm font-medium text-slate-800">
            {t("accounts.list.searchLabel")}
          </label>
          <div className="relative">
            <Search
              aria-hidden
              className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400"
            />
            <input
              id="account-search"
              type="search"
              name="q"
              defaultValue={search}
              key={search}
              maxLength={MAX_SEARCH}
              placeholder={t("accounts.list.searchPlaceholder")}
              className="min-h-11 w-full rounded-lg border border-slate-300 bg-white pr-3 pl-9 text-base text-slate-900 shadow-sm placeholder:text-slate-400 sm:text-sm"
            />
          </div>
        </div>
        <div className="flex gap-2">
          <Button type="submit" variant="secondary" pending={searching}>
            {t("accounts.list.search")}
          </Button>
          {search ? (
            <Link to="/accounts" className={buttonClasses("ghost")}>
              {t("accounts.list.clearSearch")}
            </Link>
          ) : null}
        </div>
      </Form>

      <Card
        title={search ? t("accounts.list.searchResultsTitle") : t("accounts.list.allTitle")}
        description={count}
      >
        {accounts.length === 0 ? (
          search ? (
            <EmptyState
              icon={SearchX}
              title={t("accounts.list.noMatchTitle", { search })}
              body={t("accounts.list.noMatchBody")}
            />
          ) : (
            <EmptyState
              icon={Building2}
              title={t("accounts.list.emptyTitle")}
              body={t("accounts.list.emptyBody")}
            />
          )
        ) : (
          <ul className="-mx-5 -my-4 divide-y divide-slate-100" data-testid="account-list">
            {accounts.map((account) => (
              <li key={account.id} data-testid="account-row">
                <Link
                  to={`/accounts/${account.id}`}
                  className="group flex items-center gap-4 px-5 py-4 hover:bg-slate-50"
                >
                  <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-brand-50 text-brand-700">
                    <Building2 aria-hidden className="size-5" />
                  </span>
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium text-slate-900 group-hover:text-brand-700">
                      {account.name}
                    </span>
                    <span className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
                      <span className="inline-flex items-center gap-1.5">
                        <UsersRound aria-hidden className="size-4 text-slate-400" />
                        {t("accounts.list.contacts", { count: account.contactCount })}
                      </span>
                      <span className="inline-flex items-center gap-1.5">
                        <FolderKanban aria-hidden className="size-4 text-slate-400" />
                        {t("accounts.list.projects", { count: account.projectCount })}
                      </span>
                    </span>
                  </span>
                  <ChevronRight
                    aria-hidden
                    className="size-5 shrink-0 text-slate-400 group-hover:text-brand-700"
                  />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {truncated ? (
        <Alert tone="info">{t("accounts.list.truncated", { count: limit })}</Alert>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
