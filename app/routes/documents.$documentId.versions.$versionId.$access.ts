import type { LoaderFunctionArgs } from "@remix-run/node";
import { isFileAccess, serveDocumentFile } from "~/features/documents/document-files.server";
import { notFound } from "~/kernel/permissions.server";

/** `download`, `preview` or `thumbnail` of a document's file (see serveDocumentFile). */
export function loader({ request, context, params }: LoaderFunctionArgs) {
  if (!isFileAccess(params.access)) notFound();
  return serveDocumentFile(request, context, params, params.access);
}
