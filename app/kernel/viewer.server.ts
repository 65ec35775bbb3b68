import type { AppLoadContext } from "@remix-run/node";
import { defineAbilityFor, type Actor, type AppAbility } from "#policies/ability";
import { actorOf as actorForPolicy } from "#policies/actor";
import { readCookie, SESSION_COOKIE } from "~/kernel/cookies.server";
import { validateSessionToken, type SessionWithUser } from "~/kernel/session.server";
import type { AuditActor } from "~/kernel/audit/audit.server";

/**
 * Who is asking: the session, the user and their organisation, what the policy lets them do, and
 * who the audit log names as the actor of whatever this request does.
 */
export type Viewer = SessionWithUser & {
  policyActor: Actor;
  ability: AppAbility;
  auditActor: AuditActor & { userId: string; organizationId: string };
};

const viewers = new WeakMap<AppLoadContext, Map<string, Promise<Viewer | null>>>();

async function loadViewer(token: string, context: AppLoadContext): Promise<Viewer | null> {
  const current = await validateSessionToken(token);
  if (!current) return null;
  const policyActor = actorForPolicy(current.user, current.organization);
  const auditActor = {
    userId: current.user.id,
    organizationId: current.user.organizationId,
    ip: context.ip ?? null,
    userAgent: context.userAgent ?? null,
  };
  return { ...current, policyActor, ability: defineAbilityFor(policyActor), auditActor };
}

/**
 * The Viewer of this request, validated once: every loader of the request (nested layouts
 * included) shares it. An action gets one of its own, since without JavaScript Remix runs the
 * loaders after it in the same request, and they must see what the action changed (a session
 * ended, a second factor enrolled).
 */
export function viewerOf(request: Request, context: AppLoadContext): Promise<Viewer | null> {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token) return Promise.resolve(null);
  const phase = request.method === "GET" || request.method === "HEAD" ? "read" : "write";
  const key = `${phase}:${token}`;
  let ofRequest = viewers.get(context);
  if (!ofRequest) viewers.set(context, (ofRequest = new Map()));
  let viewer = ofRequest.get(key);
  if (!viewer) ofRequest.set(key, (viewer = loadViewer(token, context)));
  return viewer;
}
