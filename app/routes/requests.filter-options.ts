import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  searchedFilters,
  searchFilterOptions,
} from "~/features/requests/request-filter-options.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";

/** The queue's searched filters ask here as the reader types: `?filter=project&q=morgen`. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  const url = new URL(request.url);
  const filter = searchedFilters.find((name) => name === url.searchParams.get("filter"));
  if (!filter) notFound();
  const query = (url.searchParams.get("q") ?? "").slice(0, 100);
  return { options: await searchFilterOptions(ability, filter, query) };
}
