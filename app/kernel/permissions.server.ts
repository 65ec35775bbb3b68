import type { AppLoadContext } from "@remix-run/node";
import type { Action, AppAbility } from "#policies/ability";
import { requireUser } from "~/kernel/auth.server";

/**
 * The signed-in user with their abilities for this request: the request's Viewer. (`policyActor`
 * is the policy's view of the user; the audit log's actor comes from `current.auditActor`.)
 */
export function requireAbility(request: Request, context: AppLoadContext) {
  return requireUser(request, context);
}

/** Missing and not allowed look the same from outside: no existence leak. */
export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

/** A denied write: 403 with a sentence that says what is not allowed. */
export function forbidden(message: string): never {
  throw new Response(message, { status: 403 });
}

export function requireCan(
  ability: AppAbility,
  action: Action,
  subject: Parameters<AppAbility["can"]>[1],
  message: string,
) {
  if (!ability.can(action, subject)) forbidden(message);
}
