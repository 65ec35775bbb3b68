import type { TFunction } from "i18next";

// The policy states its reasons in English (they are also its documentation); the panel says
// them in the reader's language. Reasons this does not know are shown as the policy wrote them.

const SHARED =
  /^(Shared|Attached to an entry shared) with (all members|your organisation|partners|the customer), and your membership includes (\w+)$/;

const AUDIENCES: Record<string, string> = {
  "all members": "allMembers",
  "your organisation": "organization",
  partners: "partners",
  "the customer": "customer",
};

const FIXED: Record<string, string> = {
  "Requests assigned to your organisation": "assigned",
  "Customers follow their organisation's requests in projects with the requests section":
    "customerRequests",
  "Files sent with a request assigned to your organisation": "assignedRequestFiles",
  "Files sent with your organisation's requests": "customerRequestFiles",
  "A live membership of your organisation lets you into the project": "liveMembership",
};

/** A policy rule's reason, as the reader reads it. */
export function ruleReasonText(t: TFunction, reason: string | null): string | null {
  if (!reason) return null;
  const shared = SHARED.exec(reason);
  if (shared) {
    const [, kind, audience, section] = shared;
    return t(
      `sharing.explain.reasons.${kind === "Shared" ? "shared" : "attached"}.${AUDIENCES[audience!]}`,
      { section: t(`projects.sections.${section}`) },
    );
  }
  const fixed = FIXED[reason];
  return fixed ? t(`sharing.explain.reasons.${fixed}`) : reason;
}
