import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { subject } from "#policies/ability";
import { AppShell, type ShellSections } from "~/components/app-shell";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { mayReadOutbox } from "~/kernel/dev-only.server";
import { requireAbility } from "~/kernel/permissions.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, organization, ability } = await requireAbility(request, context);
  const sections: ShellSections = {
    // Every customer account, not only those of one's own projects: the host's address book.
    accounts: ability.can("read", subject("Account", { projects: [] })),
    unresolvedMail: ability.can("read", "UnresolvedMail"),
    compliance: ability.can("read", "ComplianceConsole"),
    administration: ability.can("create", "Organization") || ability.can("create", "User"),
    development: mayReadOutbox(ability),
  };
  return {
    user: {
      name: user.name,
      email: user.email,
      role: user.role,
      organizationName: organization.name,
    },
    sections,
  };
}

export default function AppLayout() {
  const { user, sections } = useLoaderData<typeof loader>();
  return (
    <AppShell user={user} sections={sections}>
      <Outlet />
    </AppShell>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
