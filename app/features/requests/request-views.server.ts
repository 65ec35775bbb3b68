import { requestTypes, requestPriorities, requestStatuses } from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { readsInternalItems } from "~/features/sharing/index.server";
import { decodePageCursor, encodePageCursor } from "~/kernel/page-cursor.server";
import { isUuid } from "~/kernel/query-input";
import type { RequestCursor, RequestFilters, RequestRow } from "./request.server";
import type { RequestListItem } from "./types";

/** A list row for the browser: dates as ISO strings. */
export function requestListItem(row: RequestRow): RequestListItem {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    type: row.type,
    priority: row.priority,
    status: row.status,
    projectId: row.projectId,
    projectName: row.projectName,
    accountName: row.accountName,
    ownerName: row.ownerName,
    assignedOrganizationName: row.assignedOrganizationName,
    dueAt: row.dueAt?.toISOString() ?? null,
    atRiskAt: row.atRiskAt?.toISOString() ?? null,
    firstRespondedAt: row.firstRespondedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

const oneOf = <T extends string>(values: readonly T[], value: string) =>
  (values as readonly string[]).includes(value) ? (value as T) : undefined;

/** The list's filters from the URL; anything unknown is left out rather than refused. */
export function requestFiltersFrom(url: URL): RequestFilters {
  const get = (name: string) => (url.searchParams.get(name) ?? "").trim();
  const status = get("status");
  const id = (name: string) => (isUuid(get(name)) ? get(name) : undefined);
  return {
    status: status === "all" ? "all" : (oneOf(requestStatuses, status) ?? "open"),
    type: oneOf(requestTypes, get("type")),
    priority: oneOf(requestPriorities, get("priority")),
    projectId: id("project"),
    accountId: id("account"),
    ownerId: id("owner"),
    assignedOrganizationId: id("assigned"),
    sla: oneOf(["at_risk", "breached"] as const, get("sla")),
  };
}

export function encodeRequestCursor(cursor: RequestCursor) {
  return encodePageCursor(cursor.dueRank, cursor.id);
}

const DUE_RANK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** A cursor from the URL, or undefined for anything malformed (the first page then). */
export function decodeRequestCursor(value: string | null): RequestCursor | undefined {
  const cursor = decodePageCursor(value, (key) => DUE_RANK.test(key));
  return cursor && { dueRank: cursor.key, id: cursor.id };
}

/**
 * How the reader looks at requests: host staff work the queue; a customer follows their own
 * (the only readers who rate resolutions); a partner sees what is assigned to them.
 */
export function requestPerspective(ability: AppAbility): "host" | "customer" | "partner" {
  if (readsInternalItems(ability)) return "host";
  return ability.can("rate", "Request") ? "customer" : "partner";
}
