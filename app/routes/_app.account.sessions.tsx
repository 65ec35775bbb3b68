import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { Laptop, Smartphone } from "lucide-react";
import { useTranslation } from "react-i18next";
import UAParser from "ua-parser-js";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { LocalTime } from "~/components/local-time";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { translatorOf } from "~/kernel/locale.server";
import { recordAudit } from "~/kernel/audit/audit.server";
import {
  invalidateSession,
  invalidateUserSessions,
  listActiveSessions,
} from "~/kernel/session.server";
import { requireUser } from "~/kernel/auth.server";
import { clearSessionCookie } from "~/kernel/cookies.server";
import { redirectWithToast } from "~/kernel/toast.server";
import { pageTitle } from "~/components/page-title";

export const meta = pageTitle("sessions.title");

function describeBrowser(userAgent: string | null) {
  const parsed = new UAParser(userAgent ?? "").getResult();
  return {
    browser: [parsed.browser.name, parsed.browser.major].filter(Boolean).join(" ") || null,
    os: [parsed.os.name, parsed.os.version].filter(Boolean).join(" ") || null,
    mobile: parsed.device.type === "mobile" || parsed.device.type === "tablet",
  };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, session } = await requireUser(request, context);
  const sessions = await listActiveSessions(user.id);
  return {
    sessions: sessions
      .map((row) => ({
        // Only a short prefix of the stored hash identifies a session in the page and the form.
        handle: row.id.slice(0, 24),
        current: row.id === session.id,
        ip: row.ip,
        createdAt: row.createdAt.toISOString(),
        lastSeenAt: row.lastSeenAt.toISOString(),
        ...describeBrowser(row.userAgent),
      }))
      .sort(
        (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
      ),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireUser(request, context);
  const t = await translatorOf(request, context);
  const formData = await request.formData();
  const actor = current.auditActor;

  if (formData.get("intent") === "revoke-others") {
    const ended = await invalidateUserSessions(current.user.id, {
      exceptSessionId: current.session.id,
    });
    await recordAudit(actor, {
      action: "auth.sessions_revoked",
      subjectType: "User",
      subjectId: current.user.id,
      details: { endedSessions: ended },
    });
    return redirectWithToast("/account/sessions", {
      tone: "success",
      message: t("sessions.othersRevoked", { count: ended }),
    });
  }

  const handle = String(formData.get("session") ?? "");
  const target = (await listActiveSessions(current.user.id)).find(
    (row) => handle.length === 24 && row.id.startsWith(handle),
  );
  if (!target) throw new Response(t("sessions.notFound"), { status: 404 });
  await invalidateSession(target.id);
  await recordAudit(actor, {
    action: "auth.session_revoked",
    subjectType: "Session",
    subjectId: target.id,
  });
  if (target.id === current.session.id) {
    return redirect("/login", { headers: { "Set-Cookie": clearSessionCookie(context.secure) } });
  }
  return redirectWithToast("/account/sessions", {
    tone: "success",
    message: t("sessions.revoked"),
  });
}

export default function SessionsPage() {
  const { sessions } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const others = sessions.filter((row) => !row.current).length;

  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          {t("sessions.title")}
        </h1>
        <p className="mt-1 text-slate-600">{t("sessions.intro")}</p>
      </header>
      <Card
        title={t("sessions.activeTitle", { count: sessions.length })}
        actions={
          others > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="revoke-others" />
              <Button
                type="submit"
                variant="secondary"
                pending={navigation.formData?.get("intent") === "revoke-others"}
              >
                {t("sessions.revokeOthers")}
              </Button>
            </Form>
          ) : null
        }
      >
        <ul className="-my-4 divide-y divide-slate-100" data-testid="session-list">
          {sessions.map((row) => {
            const Icon = row.mobile ? Smartphone : Laptop;
            return (
              <li
                key={row.handle}
                className="grid grid-cols-[auto_minmax(0,1fr)] items-start gap-x-3 gap-y-2 py-4 sm:grid-cols-[auto_minmax(0,1fr)_auto] sm:items-center"
                data-testid="session-row"
              >
                <Icon aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-500 sm:mt-0" />
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">
                    {row.browser ?? t("sessions.unknownBrowser")}
                    {row.os ? (
                      <span className="font-normal text-slate-600"> · {row.os}</span>
                    ) : null}
                    {row.current ? (
                      <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800">
                        {t("sessions.thisDevice")}
                      </span>
                    ) : null}
                  </p>
                  <p className="text-sm text-slate-600">{row.ip ?? t("sessions.unknownIp")}</p>
                  <p className="text-sm text-slate-600">
                    {t("sessions.lastSeen")} <LocalTime iso={row.lastSeenAt} />
                  </p>
                  <p className="text-sm text-slate-500">
                    {t("sessions.signedIn")} <LocalTime iso={row.createdAt} />
                  </p>
                </div>
                <Form method="post" className="col-start-2 sm:col-start-3">
                  <input type="hidden" name="session" value={row.handle} />
                  <Button type="submit" variant={row.current ? "ghost" : "danger"}>
                    {row.current ? t("sessions.signOutHere") : t("sessions.revoke")}
                  </Button>
                </Form>
              </li>
            );
          })}
        </ul>
      </Card>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
