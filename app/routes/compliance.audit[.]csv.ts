import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import {
  auditCsv,
  auditQueryParams,
  parseAuditQuery,
  TooManyItems,
} from "~/features/compliance/index.server";
import { calendarDayIn } from "~/kernel/time-zone";
import { readerLocaleOf, translatorOf } from "~/kernel/locale.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";

/** The audit explorer's answer as CSV: every event its filters select, streamed. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireAbility(request, context);
  if (!viewer.ability.can("read", "ComplianceConsole")) notFound();
  const [t, { timeZone }] = await Promise.all([
    translatorOf(request, context),
    readerLocaleOf(request, context),
  ]);
  const { query, form } = parseAuditQuery(new URL(request.url).searchParams, timeZone);
  // Filters that cannot be read go back to the explorer, which says what is wrong with them.
  if (!query) return redirect(`/compliance/audit?${auditQueryParams(form)}`);
  let body: ReadableStream<Uint8Array>;
  try {
    body = await auditCsv(viewer, query, form.values, t);
  } catch (error) {
    if (!(error instanceof TooManyItems)) throw error;
    return redirect(`/compliance/audit?${auditQueryParams(form)}`);
  }
  const day = calendarDayIn(new Date(), timeZone);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${day}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
