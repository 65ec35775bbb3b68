import type { LoaderFunctionArgs } from "@remix-run/node";
import { erasureCertificate } from "~/features/erasure/index.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";

/** The signed deletion certificate as a file, to keep or hand to the person or an authority. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  const certificate = await erasureCertificate(ability, params.erasureId ?? "");
  if (!certificate) notFound();
  return new Response(`${JSON.stringify(certificate, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="deletion-certificate-${certificate.id}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
