import { Form, Link, useSubmit } from "@remix-run/react";
import { CircleSlash, Eye, FileText, Users } from "lucide-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatCalendarDay, LocalTime, useFormatting } from "~/components/local-time";
import { PageHeader } from "~/components/page-header";
import { Button, buttonClasses } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { selectClasses } from "~/components/ui/select-field";
import { ChannelIcon } from "~/features/history";
import { RequestStatusBadge } from "~/features/requests";
import type { PreviewChoice, ProjectPreview, ProjectPreviewData } from "../types";

type Opened = Extract<ProjectPreview, { opens: true }>;

/** The project as a member organisation sees it: whom to preview as, a banner, then its view. */
export function ProjectPreviewPage({ data }: { data: ProjectPreviewData }) {
  const { t } = useTranslation();
  const choice = data.choices.find((row) => row.organizationId === data.party?.organizationId);
  const projectHref = `/projects/${data.project.id}`;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        back={{ to: projectHref, label: data.project.name }}
        title={t("sharing.preview.title")}
        intro={t("sharing.preview.intro")}
      />
      {choice && data.preview ? (
        <>
          <PartyPicker data={data} choice={choice} />
          <Banner
            project={data.project.name}
            party={partyName(t, choice, data.party?.person ?? null)}
            endHref={projectHref}
          />
          {data.preview.opens ? (
            <OpenedView preview={data.preview} choice={choice} />
          ) : (
            <ClosedView choice={choice} person={data.party?.person ?? null} />
          )}
        </>
      ) : (
        <Card>
          <p className="text-slate-600">{t("sharing.preview.noChoices")}</p>
        </Card>
      )}
    </div>
  );
}

function partyName(
  t: ReturnType<typeof useTranslation>["t"],
  choice: PreviewChoice,
  person: { name: string } | null,
) {
  return person
    ? t("sharing.preview.personOf", { person: person.name, organization: choice.name })
    : choice.name;
}

const labelClasses = "text-sm font-medium text-slate-700";

/** Whom to preview as: a plain GET form, sent as soon as a choice changes when JavaScript runs. */
function PartyPicker({ data, choice }: { data: ProjectPreviewData; choice: PreviewChoice }) {
  const { t } = useTranslation();
  const submit = useSubmit();
  return (
    <Form
      method="get"
      className="flex flex-col gap-3 sm:flex-row sm:items-end"
      data-testid="preview-picker"
    >
      <div className="flex flex-1 flex-col gap-1">
        <label htmlFor="preview-organization" className={labelClasses}>
          {t("sharing.preview.organization")}
        </label>
        <select
          id="preview-organization"
          name="organization"
          defaultValue={choice.organizationId}
          key={choice.organizationId}
          className={selectClasses(false)}
          // Another organisation starts as any of its users, not as someone of the last one.
          onChange={(event) => submit({ organization: event.currentTarget.value })}
        >
          {data.choices.map((row) => (
            <option key={row.organizationId} value={row.organizationId}>
              {row.state === "active"
                ? row.name
                : t("sharing.preview.expiredChoice", { name: row.name })}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-1 flex-col gap-1">
        <label htmlFor="preview-person" className={labelClasses}>
          {t("sharing.preview.person")}
        </label>
        <select
          id="preview-person"
          name="person"
          defaultValue={data.party?.person?.id ?? ""}
          key={`${choice.organizationId}:${data.party?.person?.id ?? ""}`}
          className={selectClasses(false)}
          onChange={(event) => submit(event.currentTarget.form)}
        >
          <option value="">{t("sharing.preview.anyone", { name: choice.name })}</option>
          {choice.people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" variant="secondary">
        {t("sharing.preview.show")}
      </Button>
    </Form>
  );
}

function Banner({ project, party, endHref }: { project: string; party: string; endHref: string }) {
  const { t } = useTranslation();
  return (
    <div
      role="status"
      data-testid="preview-banner"
      className="flex flex-col gap-3 rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950 sm:flex-row sm:items-center"
    >
      <Eye aria-hidden className="hidden size-5 shrink-0 sm:block" />
      <div className="min-w-0 flex-1 text-sm">
        <p className="font-semibold">{t("sharing.preview.banner", { project, party })}</p>
        <p className="mt-0.5">{t("sharing.preview.bannerNote")}</p>
      </div>
      <Link to={endHref} className={buttonClasses("secondary")}>
        {t("sharing.preview.end")}
      </Link>
    </div>
  );
}

function ClosedView({
  choice,
  person,
}: {
  choice: PreviewChoice;
  person: { id: string; name: string } | null;
}) {
  const { t } = useTranslation();
  const { locale } = useFormatting();
  const party = partyName(t, choice, person);
  const reason =
    choice.state === "expired" && choice.expiresOn
      ? t("sharing.preview.closed.expired", { date: formatCalendarDay(choice.expiresOn, locale) })
      : choice.namedPeople.length && !choice.namedPeople.includes(person?.id ?? "")
        ? t("sharing.preview.closed.notNamed")
        : t("sharing.preview.closed.other");
  return (
    <Card>
      <div className="flex gap-3" data-testid="preview-closed">
        <CircleSlash aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-400" />
        <div>
          <p className="font-medium text-slate-900">
            {t("sharing.preview.closed.title", { party })}
          </p>
          <p className="mt-1 text-sm text-slate-600">{reason}</p>
          <p className="mt-1 text-sm text-slate-600">{t("sharing.preview.closed.notFound")}</p>
        </div>
      </div>
    </Card>
  );
}

function OpenedView({ preview, choice }: { preview: Opened; choice: PreviewChoice }) {
  const { t } = useTranslation();
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)] lg:items-start">
      <div className="flex flex-col gap-6">
        {preview.entries ? (
          <ListCard title={t("history.tab")} list={preview.entries} testId="preview-entries">
            {(entry) => (
              <li key={entry.id} className="flex items-start gap-3 py-3">
                <ChannelIcon channel={entry.channel} className="size-8" />
                <div className="min-w-0">
                  <p className="font-medium break-words text-slate-900">{entry.subject}</p>
                  <p className="text-sm text-slate-600">
                    <LocalTime iso={entry.occurredAt} /> · {entry.author} (
                    {entry.authorOrganization})
                  </p>
                </div>
              </li>
            )}
          </ListCard>
        ) : null}
        {preview.documents ? (
          <ListCard title={t("documents.tab")} list={preview.documents} testId="preview-documents">
            {(document) => (
              <li key={document.id} className="flex items-start gap-3 py-3">
                <FileText aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-400" />
                <div className="min-w-0">
                  <p className="font-medium break-words text-slate-900">{document.title}</p>
                  <p className="text-sm text-slate-600">
                    {t("documents.version", { number: document.version })} ·{" "}
                    <LocalTime iso={document.updatedAt} /> · {document.uploader}
                  </p>
                </div>
              </li>
            )}
          </ListCard>
        ) : null}
        {preview.requests ? (
          <ListCard title={t("requests.tab")} list={preview.requests} testId="preview-requests">
            {(request) => (
              <li key={request.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-3">
                <span className="font-mono text-xs text-slate-500">{request.reference}</span>
                <span className="min-w-0 flex-1 font-medium break-words text-slate-900">
                  {request.title}
                </span>
                <RequestStatusBadge
                  status={request.status}
                  customerView={choice.kind === "customer"}
                />
              </li>
            )}
          </ListCard>
        ) : null}
      </div>
      <div className="flex flex-col gap-6">
        <AccessCard preview={preview} choice={choice} />
        <Card title={t("sharing.preview.contacts")}>
          <ul className="flex flex-col gap-3 text-sm" data-testid="preview-contacts">
            {preview.contacts.map((contact) => (
              <li key={contact.id}>
                <p className="font-medium text-slate-900">{contact.name}</p>
                {contact.roleTitle ? <p className="text-slate-600">{contact.roleTitle}</p> : null}
                <p className="text-slate-600">
                  {contact.email || contact.phone
                    ? [contact.email, contact.phone].filter(Boolean).join(" · ")
                    : t("sharing.preview.detailsHidden")}
                </p>
              </li>
            ))}
            {preview.contacts.length === 0 ? (
              <li className="text-slate-600">{t("sharing.preview.noContacts")}</li>
            ) : null}
          </ul>
        </Card>
        <Card title={t("sharing.preview.members")}>
          <ul className="flex flex-col gap-2 text-sm">
            {preview.members.map((member) => (
              <li key={member.name} className="flex items-center gap-2">
                <Users aria-hidden className="size-4 text-slate-400" />
                <span className="font-medium text-slate-900">{member.name}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </div>
  );
}

/** What the membership grants, and the sections the party does not open. */
function AccessCard({ preview, choice }: { preview: Opened; choice: PreviewChoice }) {
  const { t } = useTranslation();
  const closed = (["history", "documents", "requests"] as const).filter(
    (section) => !preview.sections[section],
  );
  return (
    <Card title={t("sharing.preview.access")}>
      <dl className="flex flex-col gap-3 text-sm" data-testid="preview-access">
        <div>
          <dt className="text-slate-500">{t("projects.members.access")}</dt>
          <dd className="font-medium text-slate-900">
            {t(`projects.overview.accessLevel.${choice.access}`)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("sharing.preview.sections")}</dt>
          <dd className="font-medium text-slate-900">
            {choice.sections.length
              ? choice.sections.map((section) => t(`projects.sections.${section}`)).join(", ")
              : t("projects.overview.noSections")}
          </dd>
        </div>
        {closed.length ? (
          <div>
            <dt className="text-slate-500">{t("sharing.preview.notOpened")}</dt>
            <dd className="text-slate-700">
              {closed.map((section) => t(`projects.sections.${section}`)).join(", ")}
            </dd>
          </div>
        ) : null}
      </dl>
    </Card>
  );
}

function ListCard<Item>({
  title,
  list,
  testId,
  children,
}: {
  title: string;
  list: { items: Item[]; more: boolean };
  testId: string;
  children: (item: Item) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card title={title}>
      {list.items.length ? (
        <ul className="-my-3 divide-y divide-slate-100" data-testid={testId}>
          {list.items.map(children)}
        </ul>
      ) : (
        <p className="text-sm text-slate-600" data-testid={testId}>
          {t("sharing.preview.nothingShared")}
        </p>
      )}
      {list.more ? (
        <p className="mt-4 text-sm text-slate-500">
          {t("sharing.preview.more", { count: list.items.length })}
        </p>
      ) : null}
    </Card>
  );
}
