import type { TFunction } from "i18next";
import { isAuditAction } from "~/kernel/audit/actions";
import type { AuditEventView } from "./types";

/**
 * An audit event as one sentence in the reader's language: "Lena Falk (Studio Lumen) downloaded
 * “Grundriss Gastraum”, version 2 from 10.1.2.3". The page and the CSV export say the same.
 */
export function auditSentence(t: TFunction, event: AuditEventView): string {
  const actor = !event.actor
    ? t(event.group === "signIn" ? "compliance.audit.someone" : "compliance.audit.system")
    : event.actor.organization
      ? t("compliance.audit.actorWithOrganization", {
          name: event.actor.name ?? t("compliance.audit.removedUser"),
          organization: event.actor.organization,
        })
      : (event.actor.name ?? t("compliance.audit.removedUser"));
  const item = event.item
    ? event.item.label
      ? t("compliance.audit.quoted", { label: event.item.label })
      : t("compliance.audit.unnamedItem")
    : "";
  const project = event.project?.name
    ? t("compliance.audit.quoted", { label: event.project.name })
    : t("compliance.audit.aProject");
  const version =
    event.version !== null ? t("compliance.audit.version", { version: event.version }) : "";
  const sentence = isAuditAction(event.action)
    ? t(`compliance.sentences.${event.action}`, { actor, item, project, version })
    : t("compliance.audit.unknownAction", { actor, action: event.action, item });
  if (event.erased) return t("compliance.audit.erasedSentence", { sentence });
  return event.ip ? t("compliance.audit.fromIp", { sentence, ip: event.ip }) : sentence;
}
