import { isProduction } from "~/utils/env.server";

/** Development-only pages answer 404 in production, as if they did not exist. */
export function requireDevelopment() {
  if (isProduction()) throw new Response("Not Found", { status: 404 });
}
