import type { AppLoadContext } from "@remix-run/node";
import type { AppAbility } from "#policies/ability";
import { isProduction } from "~/kernel/env.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";

/** Development-only pages answer 404 in production, as if they did not exist. */
export function requireDevelopment() {
  if (isProduction()) throw new Response("Not Found", { status: 404 });
}

/**
 * The development outbox holds live password-reset and invitation links for everyone, so only
 * those the policy lets read it get in: signed-out visitors are sent to sign in, others get 404.
 */
export async function requireOutboxReader(request: Request, context: AppLoadContext) {
  requireDevelopment();
  const { ability } = await requireAbility(request, context);
  if (!ability.can("read", "MailOutbox")) notFound();
}

/** Whether the menu offers the outbox: never in production, and only to those who may read it. */
export function mayReadOutbox(ability: AppAbility) {
  return !isProduction() && ability.can("read", "MailOutbox");
}
