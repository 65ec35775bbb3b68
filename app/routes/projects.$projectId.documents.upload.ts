import type { ActionFunctionArgs } from "@remix-run/node";
import { handleDocumentUpload } from "~/features/documents/document-upload.server";

/**
 * The upload panel's per-file endpoint: one multipart POST (file + audience fields) answered
 * with JSON, so the browser can show a progress bar and a result for each file.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { status, result } = await handleDocumentUpload(request, context, params.projectId);
  return Response.json(result, { status, headers: { "Cache-Control": "private, no-store" } });
}
