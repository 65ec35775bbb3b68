import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  ArrowLeft,
  Building2,
  ChevronRight,
  Eye,
  FolderKanban,
  History,
  Mail,
  Pencil,
  Phone,
  Scale,
  UserPlus,
  UsersRound,
} from "lucide-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { subject } from "#policies/ability";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { buttonClasses } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { cn } from "~/components/ui/cn";
import { translatorOf } from "~/kernel/locale.server";
import {
  findAccount,
  listAccountProjects,
  recordAccountViewed,
} from "~/features/accounts/account.server";
import { listAccountContacts } from "~/features/accounts/contact.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";
import { RequestList } from "~/features/requests";
import { listRequests, requestListItem } from "~/features/requests/index.server";
import { requestPerspective } from "~/features/requests/request-views.server";
import { maySeeSharing } from "~/features/sharing/index.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.metaTitle ?? "Ambit" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const current = await requireAbility(request, context);
  const { ability } = current;
  const account = await findAccount(ability, params.accountId);
  if (!account) notFound();
  const t = await translatorOf(request, context);
  const now = new Date();
  const [contacts, projects, requestPage] = await Promise.all([
    listAccountContacts(ability, account.id),
    listAccountProjects(ability, account.id),
    listRequests(ability, { accountId: account.id }, undefined, { now, pageSize: 10 }),
  ]);
  await recordAccountViewed(current.auditActor, account.id, {
    contactIds: contacts.map((contact) => contact.id),
    detailedContactIds: contacts.filter((c) => c.detailsVisible).map((c) => c.id),
    projectIds: projects.map((project) => project.id),
  });
  return {
    metaTitle: t("accounts.detail.metaTitle", { name: account.name }),
    account,
    contacts: contacts.map((contact) => ({
      ...contact,
      canEdit: ability.can("update", subject("Contact", contact)),
      // Host staff who only read (compliance) open it for who can see it and who did.
      canOpen: maySeeSharing(ability),
    })),
    projects,
    now: now.toISOString(),
    requestPerspective: requestPerspective(ability),
    requests: requestPage.requests.map(requestListItem),
    canCreateContact: ability.can("create", subject("Contact", { accountId: account.id })),
  };
}

function EmptyState({
  icon: Icon,
  title,
  body,
  children,
}: {
  icon: typeof Building2;
  title: string;
  body: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="flex flex-col items-center rounded-lg border border-dashed border-slate-300 px-6 py-10 text-center">
      <span className="flex size-11 items-center justify-center rounded-full bg-slate-100 text-slate-600">
        <Icon aria-hidden className="size-5" />
      </span>
      <p className="mt-3 font-medium text-slate-900">{title}</p>
      <p className="mt-1 max-w-sm text-sm text-slate-600">{body}</p>
      {children}
    </div>
  );
}

const statusTones: Record<string, string> = {
  planning: "bg-sky-50 text-sky-800 ring-sky-200",
  active: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  on_hold: "bg-amber-50 text-amber-800 ring-amber-200",
  completed: "bg-slate-100 text-slate-700 ring-slate-200",
};

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function ContactItem({
  contact,
  accountId,
}: {
  contact: LoaderData["contacts"][number];
  accountId: string;
}) {
  const { t } = useTranslation();
  return (
    <li className="flex flex-col gap-3 py-4 sm:flex-row sm:items-start" data-testid="contact-row">
      <div className="min-w-0 flex-1">
        <p className="font-medium text-slate-900" data-testid="contact-name">
          {contact.name}
        </p>
        <p className="text-sm text-slate-600" data-testid="contact-role">
          {contact.roleTitle || (
            <span className="text-slate-500 italic">{t("accounts.detail.noRole")}</span>
          )}
        </p>
        {contact.detailsVisible ? (
          <dl className="mt-2 flex flex-col gap-1 text-sm">
            <div className="flex min-w-0 items-center gap-2">
              <dt>
                <Mail aria-hidden className="size-4 text-slate-400" />
                <span className="sr-only">{t("accounts.detail.email")}</span>
              </dt>
              <dd className="min-w-0 break-all" data-testid="contact-email">
                {contact.email ? (
                  <a href={`mailto:${contact.email}`} className="text-brand-700 hover:underline">
                    {contact.email}
                  </a>
                ) : (
                  <span className="text-slate-500">{t("accounts.detail.notStored")}</span>
                )}
              </dd>
            </div>
            <div className="flex min-w-0 items-center gap-2">
              <dt>
                <Phone aria-hidden className="size-4 text-slate-400" />
                <span className="sr-only">{t("accounts.detail.phone")}</span>
              </dt>
              <dd data-testid="contact-phone">
                {contact.phone ? (
                  <a
                    href={`tel:${contact.phone.replace(/[^+\d]/g, "")}`}
                    className="text-brand-700 hover:underline"
                  >
                    {contact.phone}
                  </a>
                ) : (
                  <span className="text-slate-500">{t("accounts.detail.notStored")}</span>
                )}
              </dd>
            </div>
          </dl>
        ) : null}
        {contact.legalBasis ? (
          <div className="mt-3 flex flex-col gap-1.5 text-sm">
            <p className="flex items-center gap-2 text-slate-700">
              <Scale aria-hidden className="size-4 text-slate-400" />
              <span>{t("accounts.detail.legalBasis")}:</span>
              <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
                {t(`accounts.legalBases.${contact.legalBasis}`)}
              </span>
            </p>
            {contact.notes ? (
              <p className="max-w-prose whitespace-pre-line text-slate-600">
                <span className="sr-only">{t("accounts.detail.notes")}: </span>
                {contact.notes}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
      {contact.canEdit ? (
        <Link
          to={`/accounts/${accountId}/contacts/${contact.id}`}
          className={buttonClasses("secondary", "self-start")}
          aria-label={t("accounts.detail.editContact", { name: contact.name })}
        >
          <Pencil aria-hidden className="size-4" />
          {t("accounts.detail.edit")}
        </Link>
      ) : contact.canOpen ? (
        <Link
          to={`/accounts/${accountId}/contacts/${contact.id}`}
          className={buttonClasses("secondary", "self-start")}
          aria-label={t("accounts.detail.openContact", { name: contact.name })}
        >
          <Eye aria-hidden className="size-4" />
          {t("accounts.detail.open")}
        </Link>
      ) : null}
    </li>
  );
}

export default function AccountPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { account, contacts, projects } = data;
  const anyDetails = contacts.some((contact) => contact.detailsVisible);
  const newContactPath = `/accounts/${account.id}/contacts/new`;

  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link
          to="/accounts"
          className="inline-flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:underline"
        >
          <ArrowLeft aria-hidden className="size-4" />
          {t("accounts.detail.back")}
        </Link>
      </div>
      <header className="flex flex-wrap items-start gap-4">
        <span className="flex size-12 shrink-0 items-center justify-center rounded-xl bg-brand-50 text-brand-700">
          <Building2 aria-hidden className="size-6" />
        </span>
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium text-brand-700">{t("accounts.detail.kind")}</p>
          <h1 className="mt-0.5 text-2xl font-semibold tracking-tight break-words text-slate-900 sm:text-3xl">
            {account.name}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {t("accounts.detail.summary", {
              contacts: t("accounts.list.contacts", { count: contacts.length }),
              projects: t("accounts.list.projects", { count: projects.length }),
            })}
          </p>
        </div>
        <Link
          to={`/accounts/${account.id}/history`}
          className={buttonClasses("secondary", "w-full sm:w-auto")}
          title={t("history.account.linkDescription")}
        >
          <History aria-hidden className="size-4" />
          {t("history.account.link")}
        </Link>
      </header>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] lg:items-start">
        <Card
          title={t("accounts.detail.contactsTitle")}
          description={
            contacts.length > 0 && !anyDetails
              ? t("accounts.detail.contactsDescriptionNames")
              : t("accounts.detail.contactsDescriptionFull")
          }
          actions={
            data.canCreateContact && contacts.length > 0 ? (
              <Link to={newContactPath} className={buttonClasses("primary")}>
                <UserPlus aria-hidden className="size-4" />
                {t("accounts.detail.addContact")}
              </Link>
            ) : null
          }
        >
          {contacts.length === 0 ? (
            <EmptyState
              icon={UsersRound}
              title={t("accounts.detail.contactsEmptyTitle")}
              body={
                data.canCreateContact
                  ? t("accounts.detail.contactsEmptyWriter")
                  : t("accounts.detail.contactsEmptyReader")
              }
            >
              {data.canCreateContact ? (
                <Link to={newContactPath} className={buttonClasses("primary", "mt-4")}>
                  <UserPlus aria-hidden className="size-4" />
                  {t("accounts.detail.addContact")}
                </Link>
              ) : null}
            </EmptyState>
          ) : (
            <ul className="-my-4 divide-y divide-slate-100" data-testid="contact-list">
              {contacts.map((contact) => (
                <ContactItem key={contact.id} contact={contact} accountId={account.id} />
              ))}
            </ul>
          )}
        </Card>

        <Card
          title={t("accounts.detail.projectsTitle")}
          description={t("accounts.detail.projectsDescription")}
        >
          {projects.length === 0 ? (
            <EmptyState
              icon={FolderKanban}
              title={t("accounts.detail.projectsEmptyTitle")}
              body={t("accounts.detail.projectsEmptyBody")}
            />
          ) : (
            <ul className="-mx-5 -my-4 divide-y divide-slate-100" data-testid="project-list">
              {projects.map((project) => (
                <li key={project.id}>
                  <Link
                    to={`/projects/${project.id}`}
                    className="group flex items-center gap-3 px-5 py-3.5 hover:bg-slate-50"
                  >
                    <FolderKanban aria-hidden className="size-5 shrink-0 text-slate-400" />
                    <span className="min-w-0 flex-1">
                      <span className="block font-medium text-slate-900 group-hover:text-brand-700">
                        {project.name}
                      </span>
                      <span
                        className={cn(
                          "mt-1 inline-block rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
                          statusTones[project.status],
                        )}
                      >
                        {t(`accounts.projectStatus.${project.status}`)}
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
      </div>

      <section aria-labelledby="account-requests" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="account-requests" className="text-lg font-semibold text-slate-900">
              {t("requests.accountTitle")}
            </h2>
            <p className="text-sm text-slate-600">{t("requests.accountIntro")}</p>
          </div>
          <Link
            to={`/requests?account=${account.id}&status=all`}
            className="text-sm font-medium text-brand-700 hover:underline"
          >
            {t("requests.accountAll")}
          </Link>
        </div>
        <RequestList
          requests={data.requests}
          now={data.now}
          customerView={data.requestPerspective === "customer"}
          emptyBody={t("requests.accountEmpty")}
        />
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
