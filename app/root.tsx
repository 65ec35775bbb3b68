import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useChangeLanguage } from "remix-i18next/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { useRequestInfo } from "~/components/request-info";
import { ToastMessage } from "~/components/toast";
import { useReportTimeZone } from "~/components/use-time-zone";
import stylesheet from "~/styles/app.css?url";
import { readerLocaleOf } from "~/kernel/locale.server";
import { readToast } from "~/kernel/toast.server";
import { viewerOf } from "~/kernel/viewer.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Ambit" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [{ language, timeZone }, viewer] = await Promise.all([
    readerLocaleOf(request, context),
    viewerOf(request, context),
  ]);
  // A zone the user chose stays; otherwise the page reports the browser's.
  const timeZoneChosen = Boolean(viewer?.user.timeZone);
  const { toast, clear } = readToast(request);
  return data(
    { locale: language, timeZone, timeZoneChosen, toast },
    clear ? { headers: { "Set-Cookie": clear } } : undefined,
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>("root");
  const { nonce, requestId } = useRequestInfo();
  return (
    <html lang={rootData?.locale ?? "de"} data-request-id={requestId} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-full">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale, toast, timeZone, timeZoneChosen } = useLoaderData<typeof loader>();
  useChangeLanguage(locale);
  useReportTimeZone(timeZone, timeZoneChosen);
  // Marks the page as taken over by React, so a test can tell a hydrated page from server HTML.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return (
    <>
      <Outlet />
      <ToastMessage toast={toast} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
