import { RouteErrorBoundary } from "~/components/error-boundary";
import { requireDevelopment } from "~/kernel/dev-only.server";

// Development only: shows the unexpected-error page, whose reference matches X-Request-Id and the log.
export async function loader() {
  requireDevelopment();
  throw new Error("Deliberate error to preview the error page");
}

export default function DeliberateError() {
  return null;
}

export const ErrorBoundary = RouteErrorBoundary;
