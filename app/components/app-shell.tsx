import { Form, NavLink } from "@remix-run/react";
import { LanguageSwitch } from "~/components/language-switch";
import {
  Building2,
  FolderKanban,
  MessagesSquare,
  Home,
  Inbox,
  LogOut,
  MailQuestionMark,
  Menu,
  MonitorSmartphone,
  ScrollText,
  Search,
  Settings,
  ShieldCheck,
  UserRound,
  Users,
} from "lucide-react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { cn } from "~/components/ui/cn";
import { Logo } from "~/components/ui/logo";
import { isTyping } from "~/components/keyboard";

export type ShellUser = {
  name: string;
  email: string;
  role: string;
  organizationName: string;
};

/** The sections of the navigation the reader's abilities open (the loader asks the policy). */
export type ShellSections = {
  accounts: boolean;
  /** Received mail that could not be placed (account managers and administrators). */
  unresolvedMail: boolean;
  /** The audit log and its console (compliance officers and administrators). */
  compliance: boolean;
  administration: boolean;
  development: boolean;
};

type NavItem = { to: string; labelKey: string; icon: typeof Home; end?: boolean };

function primaryNav(sections: ShellSections): NavItem[] {
  return [
    { to: "/", labelKey: "nav.home", icon: Home, end: true },
    { to: "/projects", labelKey: "nav.projects", icon: FolderKanban },
    { to: "/requests", labelKey: "requests.nav", icon: MessagesSquare },
    ...(sections.accounts ? [{ to: "/accounts", labelKey: "nav.accounts", icon: Building2 }] : []),
    ...(sections.unresolvedMail
      ? [{ to: "/mail/unresolved", labelKey: "mailIn.unresolved.nav", icon: MailQuestionMark }]
      : []),
    ...(sections.compliance
      ? [{ to: "/compliance", labelKey: "compliance.nav", icon: ScrollText }]
      : []),
  ];
}

const adminNav: NavItem[] = [
  { to: "/admin/organizations", labelKey: "nav.organizations", icon: Building2 },
  { to: "/admin/users", labelKey: "nav.users", icon: Users },
  { to: "/admin/settings", labelKey: "nav.settings", icon: Settings },
];

const accountNav: NavItem[] = [
  { to: "/account", labelKey: "nav.account", icon: UserRound, end: true },
  { to: "/account/two-factor", labelKey: "nav.twoFactor", icon: ShieldCheck },
  { to: "/account/sessions", labelKey: "nav.sessions", icon: MonitorSmartphone },
];

const developmentNav: NavItem[] = [{ to: "/dev/outbox", labelKey: "nav.outbox", icon: Inbox }];

function NavList({ items, title }: { items: NavItem[]; title?: string }) {
  const { t } = useTranslation();
  return (
    <div>
      {title ? (
        <p className="px-3 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          {title}
        </p>
      ) : null}
      <ul className="flex flex-col gap-0.5">
        {items.map(({ to, labelKey, icon: Icon, end }) => (
          <li key={to}>
            <NavLink
              to={to}
              end={end}
              className={({ isActive }) =>
                cn(
                  "flex min-h-10 items-center gap-3 rounded-lg px-3 text-sm font-medium",
                  isActive ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-100",
                )
              }
            >
              <Icon aria-hidden className="size-4 shrink-0" />
              {t(labelKey)}
            </NavLink>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Navigation({ sections }: { sections: ShellSections }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("nav.label")} className="flex flex-col gap-6">
      <NavList items={primaryNav(sections)} />
      {sections.administration ? (
        <NavList items={adminNav} title={t("nav.administration")} />
      ) : null}
      <NavList items={accountNav} title={t("nav.yourAccount")} />
      {sections.development ? (
        <NavList items={developmentNav} title={t("nav.development")} />
      ) : null}
    </nav>
  );
}

function UserCard({ user }: { user: ShellUser }) {
  const { t } = useTranslation();
  return (
    <div className="flex items-center gap-3">
      <span
        aria-hidden
        className="flex size-9 shrink-0 items-center justify-center rounded-full bg-brand-100 text-sm font-semibold text-brand-800"
      >
        {initials(user.name)}
      </span>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-semibold text-slate-900">{user.name}</p>
        <p className="truncate text-xs text-slate-600">
          {t(`roles.${user.role}`)} · {user.organizationName}
        </p>
      </div>
    </div>
  );
}

/** Submits to /search; "/" anywhere outside a text field focuses it (see useSearchShortcut). */
function ShellSearch({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <Form method="get" action="/search" role="search" aria-label={t("search.shell.label")}>
      <label htmlFor={id} className="sr-only">
        {t("search.shell.label")}
      </label>
      <span className="relative block">
        <Search
          aria-hidden
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400"
        />
        <input
          id={id}
          type="search"
          name="q"
          placeholder={t("search.shell.placeholder")}
          autoComplete="off"
          enterKeyHint="search"
          data-search-input="shell"
          aria-keyshortcuts="/"
          className="peer min-h-10 w-full rounded-lg border border-slate-300 bg-white pr-8 pl-9 text-base text-slate-900 placeholder:text-slate-500 sm:text-sm"
        />
        <kbd
          aria-hidden
          title={t("search.shell.shortcut")}
          className="pointer-events-none absolute top-1/2 right-2 hidden -translate-y-1/2 rounded border border-slate-300 px-1.5 font-sans text-xs text-slate-500 peer-focus:hidden lg:block"
        >
          /
        </kbd>
      </span>
    </Form>
  );
}

/** "/" focuses the visible search field (the page's own one first), unless the user is typing. */
function useSearchShortcut() {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.defaultPrevented || isTyping(event.target)) return;
      const fields = [
        ...document.querySelectorAll<HTMLInputElement>('[data-search-input="page"]'),
        ...document.querySelectorAll<HTMLInputElement>('[data-search-input="shell"]'),
      ];
      const field = fields.find((input) => input.getClientRects().length > 0);
      if (!field) return;
      event.preventDefault();
      field.focus();
      field.select();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}

function SignOutButton() {
  const { t } = useTranslation();
  return (
    <Form method="post" action="/logout">
      <button
        type="submit"
        className="flex min-h-10 w-full items-center gap-3 rounded-lg px-3 text-sm font-medium text-slate-700 hover:bg-slate-100"
      >
        <LogOut aria-hidden className="size-4" />
        {t("nav.signOut")}
      </button>
    </Form>
  );
}

export function AppShell({
  user,
  sections,
  children,
}: {
  user: ShellUser;
  sections: ShellSections;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  useSearchShortcut();
  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[16rem_minmax(0,1fr)]">
      <a
        href="#main"
        className="sr-only rounded-lg bg-white px-4 py-2 focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
      >
        {t("nav.skipToContent")}
      </a>
      <aside className="sticky top-0 hidden h-dvh flex-col border-r border-slate-200 bg-white px-3 py-5 lg:flex">
        <div className="px-3">
          <Logo className="text-lg text-slate-900" />
          <p className="mt-1 truncate text-xs text-slate-500">{user.organizationName}</p>
        </div>
        <div className="mt-5">
          <ShellSearch id="shell-search" />
        </div>
        <div className="mt-6 flex-1 overflow-y-auto">
          <Navigation sections={sections} />
        </div>
        <div className="mt-4 flex flex-col gap-2 border-t border-slate-200 px-3 pt-4">
          <UserCard user={user} />
          <LanguageSwitch />
          <div className="-mx-3">
            <SignOutButton />
          </div>
        </div>
      </aside>

      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur lg:hidden">
        <details className="group">
          <summary className="flex min-h-14 cursor-pointer list-none items-center justify-between px-4 [&::-webkit-details-marker]:hidden">
            <Logo className="text-base text-slate-900" />
            <span className="flex items-center gap-2 rounded-lg px-2 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-200">
              <Menu aria-hidden className="size-4" />
              {t("nav.menu")}
            </span>
          </summary>
          <div className="flex max-h-[calc(100dvh-3.5rem)] flex-col gap-5 overflow-y-auto border-t border-slate-100 px-3 py-4">
            <div className="px-3">
              <UserCard user={user} />
            </div>
            <ShellSearch id="shell-search-menu" />
            <Navigation sections={sections} />
            <LanguageSwitch className="px-3" />
            <SignOutButton />
          </div>
        </details>
      </header>

      <main id="main" className="min-w-0 px-4 py-6 sm:px-8 lg:py-10">
        <div className="mx-auto max-w-5xl">{children}</div>
      </main>
    </div>
  );
}

function initials(name: string) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join("");
}
