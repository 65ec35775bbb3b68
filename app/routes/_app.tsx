import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { AppShell } from "~/components/app-shell";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { mayReadOutbox } from "~/kernel/dev-only.server";
import { requireAbility } from "~/kernel/permissions.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, organization, ability } = await requireAbility(request, context);
  return {
    user: {
      name: user.name,
      email: user.email,
      role: user.role,
      organizationName: organization.name,
      organizationKind: organization.kind,
    },
    showDevelopment: mayReadOutbox(ability),
  };
}

export default function AppLayout() {
  const { user, showDevelopment } = useLoaderData<typeof loader>();
  return (
    <AppShell user={user} showDevelopment={showDevelopment}>
      <Outlet />
    </AppShell>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
