import { Link } from "@remix-run/react";
import { Inbox } from "lucide-react";
import { Trans, useTranslation } from "react-i18next";
import { EmptyState } from "~/components/ui/empty-state";
import { LocalTime } from "~/components/local-time";
import type { RequestListItem } from "../types";
import { PriorityLabel, RequestStatusBadge, SlaBadge } from "./request-badges";

/**
 * Requests as rows: reference, title, where it stands and when it falls due. On a phone each row
 * stacks; the customer sees the expected answer instead of the host's owner and assignment.
 */
export function RequestList({
  requests,
  now,
  customerView,
  showProject = true,
  emptyBody,
}: {
  requests: RequestListItem[];
  now: string;
  customerView: boolean;
  showProject?: boolean;
  emptyBody: string;
}) {
  const { t } = useTranslation();
  if (requests.length === 0) {
    return <EmptyState icon={Inbox} title={t("requests.empty.title")} body={emptyBody} />;
  }
  return (
    <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      {requests.map((request) => (
        <li key={request.id} className="relative p-4 hover:bg-slate-50 sm:px-5">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className="font-mono text-xs text-slate-500">{request.reference}</span>
            <span className="text-xs text-slate-600">{t(`requests.types.${request.type}`)}</span>
            <PriorityLabel priority={request.priority} />
            <span className="ml-auto flex flex-wrap items-center gap-2">
              <RequestStatusBadge status={request.status} customerView={customerView} />
              {!customerView ? <SlaBadge request={request} now={now} /> : null}
            </span>
          </div>
          <Link
            to={`/requests/${request.id}`}
            className="mt-1 block font-medium text-slate-900 after:absolute after:inset-0 hover:text-brand-800"
          >
            {request.title}
          </Link>
          <p className="mt-1 flex flex-wrap gap-x-3 text-sm text-slate-600">
            {showProject ? <span>{request.projectName}</span> : null}
            {customerView ? (
              <ExpectedAnswer request={request} now={now} />
            ) : (
              <>
                <span>{t("requests.ownerIs", { name: request.ownerName })}</span>
                <span>
                  {request.assignedOrganizationName
                    ? t("requests.assignedTo", { name: request.assignedOrganizationName })
                    : t("requests.notAssigned")}
                </span>
              </>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** What the customer may expect next: a first answer, or the resolution, by when. */
export function ExpectedAnswer({
  request,
  now,
}: {
  request: Pick<RequestListItem, "dueAt" | "firstRespondedAt" | "status">;
  now: string;
}) {
  if (!request.dueAt || !["new", "in_progress"].includes(request.status)) return null;
  // Past the promised time the customer is told so plainly, not shown a date gone by.
  const late = new Date(request.dueAt).getTime() <= new Date(now).getTime();
  const key = late
    ? "expectedLate"
    : request.firstRespondedAt
      ? "expectedResolution"
      : "expectedResponse";
  return (
    <span>
      <Trans
        i18nKey={`requests.sla.${key}`}
        components={{ date: <LocalTime iso={request.dueAt} /> }}
      />
    </span>
  );
}
