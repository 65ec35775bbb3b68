import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveSubjectExport } from "~/features/compliance/index.server";
import { translatorOf } from "~/kernel/locale.server";
import { requireAbility } from "~/kernel/permissions.server";

/** A data-subject export's ZIP, for the one who asked for it, for a day (see serveSubjectExport). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const viewer = await requireAbility(request, context);
  const t = await translatorOf(request, context);
  return serveSubjectExport(viewer, params.exportId ?? "", t);
}
