import type { LoaderFunctionArgs } from "@remix-run/node";
import { erasureCertificate } from "~/features/erasure/index.server";
import { certificateFile } from "~/kernel/audit/certificate-file.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";

/** The signed deletion certificate as a file, to keep or hand to the person or an authority. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  const certificate = await erasureCertificate(ability, params.erasureId ?? "");
  if (!certificate) notFound();
  return certificateFile(certificate, `deletion-certificate-${certificate.id}.json`);
}
