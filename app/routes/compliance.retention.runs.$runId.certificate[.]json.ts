import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificateFile } from "~/kernel/audit/certificate-file.server";
import { retentionCertificate } from "~/features/retention/index.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";

/** A retention run's signed certificate as a file. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  const certificate = await retentionCertificate(ability, params.runId ?? "");
  if (!certificate) notFound();
  return certificateFile(certificate, `retention-certificate-${certificate.id}.json`);
}
