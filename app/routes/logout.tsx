import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { recordAudit } from "~/kernel/audit/audit.server";
import { invalidateSession } from "~/kernel/session.server";
import { getSession } from "~/kernel/auth.server";
import { clearSessionCookie } from "~/kernel/cookies.server";

// Sign-out is a POST only: a GET never changes state.
export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await getSession(request, context);
  if (current) {
    await invalidateSession(current.session.id);
    await recordAudit(current.auditActor, {
      action: "auth.logout",
      subjectType: "Session",
      subjectId: current.session.id,
    });
  }
  return redirect("/login", { headers: { "Set-Cookie": clearSessionCookie(context.secure) } });
}
