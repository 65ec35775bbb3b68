import { isIP } from "node:net";
import {
  actionsOfGroup,
  auditActions,
  auditGroups,
  isAuditAction,
  type AuditAction,
  type AuditGroup,
} from "~/kernel/audit/actions";
import { parseDay, type IsoDay } from "~/kernel/day-input";
import { isUuid } from "~/kernel/query-input";
import { timeZoneOrUtc } from "~/kernel/time-zone";
import {
  auditFilterFields,
  auditItemTypes,
  type AuditFilterForm,
  type AuditItemType,
} from "./types";

/** What the audit log is asked for: every part optional, all of them together. */
export type AuditQuery = {
  actorId?: string;
  organizationId?: string;
  projectId?: string;
  itemType?: AuditItemType;
  /** One item, by id (the "who accessed this" links). */
  itemId?: string;
  /** Items of `itemType` whose title or name contains this. */
  itemText?: string;
  actions?: AuditAction[];
  ip?: string;
  from?: IsoDay;
  to?: IsoDay;
  timeZone: string;
};

/**
 * The explorer's query from its URL; days are the reader's (`timeZone`). What cannot be understood is not dropped silently: the
 * field keeps what was typed and says what is wrong, and the query is not run (`query` null).
 */
export function parseAuditQuery(
  params: URLSearchParams,
  timeZone: string,
): {
  query: AuditQuery | null;
  form: AuditFilterForm;
} {
  const values = Object.fromEntries(
    auditFilterFields.map((field) => [field, (params.get(field) ?? "").trim().slice(0, 200)]),
  ) as AuditFilterForm["values"];
  const errors: AuditFilterForm["errors"] = {};
  // The lists offer only valid choices: anything else came from an edited address.
  for (const field of ["actor", "organization", "project"] as const) {
    if (values[field] && !isUuid(values[field])) errors[field] = "compliance.audit.errors.choice";
  }
  const itemType = Object.hasOwn(auditItemTypes, values.itemType)
    ? (values.itemType as AuditItemType)
    : undefined;
  const group = (auditGroups as readonly string[]).includes(values.group)
    ? (values.group as AuditGroup)
    : undefined;
  const action = isAuditAction(values.action) ? values.action : undefined;
  if (values.itemType && !itemType) errors.itemType = "compliance.audit.errors.choice";
  if (values.group && !group) errors.group = "compliance.audit.errors.choice";
  if (values.action && !action) errors.action = "compliance.audit.errors.choice";
  if (action && group && auditActions[action] !== group) {
    errors.action = "compliance.audit.errors.actionNotInGroup";
  }
  if (values.item && !itemType) errors.item = "compliance.audit.errors.itemType";
  if (values.ip && !isIP(values.ip)) errors.ip = "compliance.audit.errors.ip";
  const from = values.from ? parseDay(values.from) : undefined;
  const to = values.to ? parseDay(values.to) : undefined;
  if (values.from && !from) errors.from = "compliance.audit.errors.day";
  if (values.to && !to) errors.to = "compliance.audit.errors.day";
  if (from && to && to < from) errors.to = "compliance.audit.errors.toBeforeFrom";
  const form = { values, errors };
  if (Object.keys(errors).length > 0) return { query: null, form };
  const itemId = itemType && isUuid(values.item) ? values.item : undefined;
  return {
    form,
    query: {
      actorId: values.actor || undefined,
      organizationId: values.organization || undefined,
      projectId: values.project || undefined,
      itemType,
      itemId,
      itemText: itemType && !itemId && values.item ? values.item : undefined,
      actions: action ? [action] : group ? actionsOfGroup(group) : undefined,
      ip: values.ip || undefined,
      from,
      to,
      timeZone: timeZoneOrUtc(timeZone),
    },
  };
}

/** The filters as they were typed, for a link to the same answer (the export's). */
export function auditQueryParams(form: AuditFilterForm) {
  const params = new URLSearchParams();
  for (const [field, value] of Object.entries(form.values)) if (value) params.set(field, value);
  return params;
}
