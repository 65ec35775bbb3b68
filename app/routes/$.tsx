import { RouteErrorBoundary } from "~/components/error-boundary";

// Any path no other route claims is a friendly 404.
export async function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export const ErrorBoundary = RouteErrorBoundary;
