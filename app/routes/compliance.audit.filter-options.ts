import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditSearchedFilters, searchAuditFilterOptions } from "~/features/compliance/index.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";

/** The explorer's person, organisation and project fields ask here as the reader types. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  if (!ability.can("read", "ComplianceConsole")) notFound();
  const url = new URL(request.url);
  const filter = auditSearchedFilters.find((name) => name === url.searchParams.get("filter"));
  if (!filter) notFound();
  const query = (url.searchParams.get("q") ?? "").slice(0, 100);
  return { options: await searchAuditFilterOptions(ability, filter, query) };
}
