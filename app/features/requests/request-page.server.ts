import type { TFunction } from "i18next";
import {
  requestCommentAudiences,
  requestPriorities,
  requestStatuses,
  requestTypes,
  type RequestCommentAudience,
  type RequestStatus,
} from "#db/schema";
import { maySeeSharing, sharingExplanation } from "~/features/sharing/index.server";
import { parseRichTextField } from "~/kernel/rich-text/rich-text.server";
import type { Viewer } from "~/kernel/viewer.server";
import { ownerChoices, type FoundRequest } from "./request.server";
import { commentSubject, requestSubject } from "./request-subject.server";
import {
  assignableOrganizations,
  assignRequest,
  changeRequest,
  commentOnRequest,
  rateRequest,
  RequestWriteDenied,
  transitionRequest,
  type RequestWriter,
} from "./request-write.server";
import { nextStatuses } from "./workflow";

/** What the reader may do on the request page (the forms shown; the writes check again). */
/**
 * "Who can see this, and why" for host staff: each member organisation's answer, asked of the
 * policy with the request as it is stored (null for readers who may not see sharing).
 */
export async function requestSharing(viewer: Viewer, found: FoundRequest) {
  if (!maySeeSharing(viewer.ability)) return null;
  return sharingExplanation(
    viewer,
    found.policyProject,
    (project) => requestSubject(project, found.stored),
    "requests",
  );
}

export async function requestPermissions(viewer: Viewer, found: FoundRequest) {
  const { ability } = viewer;
  const project = found.policyProject;
  const asSubject = requestSubject(project, found.stored);
  const mayComment = ability.can("comment", asSubject);
  return {
    commentKinds: mayComment
      ? requestCommentAudiences.filter(
          (kind) =>
            ability.can("create", commentSubject(project, found.stored, kind)) &&
            (kind !== "partners" || found.assignedOrganizationId !== null),
        )
      : [],
    transitions: nextStatuses(found.status).filter((to) =>
      ability.can("transition", asSubject, to),
    ),
    mayAssign: ability.can("assign", asSubject),
    assignable: ability.can("assign", asSubject) ? assignableOrganizations(project) : [],
    mayChange: ability.can("update", asSubject),
    owners: ability.can("update", asSubject) ? await ownerChoices(ability) : [],
    mayRate: ability.can("rate", asSubject),
  };
}

type ActionResult =
  { ok: true; message: string } | { ok: false; field: string; message: string; denied?: boolean };

const MAX_REASON = 500;
const MAX_RATING_COMMENT = 2000;

/** One of the request page's forms, by its intent; user errors come back as messages. */
export async function handleRequestAction(
  viewer: Viewer,
  found: FoundRequest,
  form: FormData,
  t: TFunction,
): Promise<ActionResult> {
  const writer: RequestWriter = {
    ability: viewer.ability,
    actor: viewer.policyActor,
    auditActor: viewer.auditActor,
  };
  const project = found.policyProject;
  const field = (name: string) => String(form.get(name) ?? "").trim();
  try {
    switch (field("intent")) {
      case "comment": {
        const audience = field("audience") || "all_members";
        if (!(requestCommentAudiences as readonly string[]).includes(audience)) {
          return { ok: false, field: "audience", message: t("requests.errors.denied") };
        }
        const body = parseRichTextField(form.get("body"));
        if (!body.ok) return { ok: false, field: "body", message: t("requests.errors.comment") };
        if (!body.value.text.trim()) {
          return { ok: false, field: "body", message: t("requests.comments.empty") };
        }
        await commentOnRequest(writer, project, found.stored, {
          audience: audience as RequestCommentAudience,
          body: body.value,
        });
        return { ok: true, message: t("requests.comments.sent") };
      }
      case "transition": {
        const to = field("to");
        const reason = field("reason");
        if (!(requestStatuses as readonly string[]).includes(to)) {
          return { ok: false, field: "to", message: t("requests.errors.status") };
        }
        if (reason.length > MAX_REASON) {
          return { ok: false, field: "reason", message: t("requests.errors.reason") };
        }
        await transitionRequest(writer, project, found.stored, to as RequestStatus, reason);
        return {
          ok: true,
          message: t("requests.transition.done", { status: t(`requests.statuses.${to}`) }),
        };
      }
      case "assign": {
        const organizationId = field("organizationId") || null;
        await assignRequest(writer, project, found.stored, organizationId);
        return { ok: true, message: t("requests.assign.done") };
      }
      case "change": {
        const priority = field("priority");
        const type = field("type");
        if (!(requestPriorities as readonly string[]).includes(priority)) {
          return { ok: false, field: "change", message: t("requests.errors.priority") };
        }
        if (!(requestTypes as readonly string[]).includes(type)) {
          return { ok: false, field: "change", message: t("requests.errors.type") };
        }
        const ownerId = field("ownerId");
        const owners = await ownerChoices(viewer.ability);
        if (!owners.some((owner) => owner.id === ownerId)) {
          return { ok: false, field: "change", message: t("requests.errors.owner") };
        }
        await changeRequest(writer, project, found.stored, {
          priority: priority as (typeof requestPriorities)[number],
          type: type as (typeof requestTypes)[number],
          ownerId,
        });
        return { ok: true, message: t("requests.change.done") };
      }
      case "rate": {
        const rating = Number(field("rating"));
        const comment = field("comment");
        if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
          return { ok: false, field: "rating", message: t("requests.errors.rating") };
        }
        if (comment.length > MAX_RATING_COMMENT) {
          return { ok: false, field: "comment", message: t("requests.errors.ratingComment") };
        }
        await rateRequest(writer, project, found.stored, { rating, comment });
        return { ok: true, message: t("requests.rating.done") };
      }
      default:
        return { ok: false, field: "intent", message: t("requests.errors.denied") };
    }
  } catch (error) {
    if (error instanceof RequestWriteDenied) {
      const key = error.reason === "notNext" ? "status" : error.reason;
      return {
        ok: false,
        field: field("intent"),
        message: t(`requests.errors.${key}`),
        denied: error.reason === "denied",
      };
    }
    throw error;
  }
}
