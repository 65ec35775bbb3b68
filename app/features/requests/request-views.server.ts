import { requestTypes, requestPriorities, requestStatuses } from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { readsInternalItems } from "~/features/sharing/index.server";
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
  return Buffer.from(JSON.stringify([cursor.dueRank, cursor.id])).toString("base64url");
}

/** A cursor from the URL, or undefined for anything malformed (the first page then). */
export function decodeRequestCursor(value: string | null): RequestCursor | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [rank, id] = parsed as unknown[];
    if (typeof rank !== "string" || typeof id !== "string" || !isUuid(id)) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(rank)) return undefined;
    return { dueRank: rank, id };
  } catch {
    return undefined;
  }
}

/**
 * How the reader looks at requests: host staff work the queue; a customer follows their own
 * (the only readers who rate resolutions); a partner sees what is assigned to them.
 */
export function requestPerspective(ability: AppAbility): "host" | "customer" | "partner" {
  if (readsInternalItems(ability)) return "host";
  return ability.can("rate", "Request") ? "customer" : "partner";
}
