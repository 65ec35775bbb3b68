import { renderToStaticMarkup } from "react-dom/server";
import { StatusPage } from "~/components/status-page";
import { translatorFor } from "~/i18n";
import { browserLanguageOf } from "~/kernel/locale.server";
import stylesheet from "~/styles/app.css?url";

/**
 * What server.js answers a refused cross-site (or wrong-origin) POST with: the friendly 403 page
 * for a browser's form, one plain sentence for anything else. It is rendered outside Remix (the
 * request never reaches it), so it is a static document without scripts.
 */
export async function crossSiteRefusal(input: {
  acceptLanguage: string | undefined;
  requestId: string;
}) {
  const headers = new Headers();
  if (input.acceptLanguage) headers.set("Accept-Language", input.acceptLanguage);
  const request = new Request("http://ambit.invalid/", { headers });
  const locale = await browserLanguageOf(request);
  const t = translatorFor(locale);
  const title = t("errors.crossSiteTitle");
  const page = renderToStaticMarkup(
    <html lang={locale} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Ambit`}</title>
        <link rel="stylesheet" href={stylesheet} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body className="min-h-full">
        <StatusPage
          code="403"
          title={title}
          message={t("errors.crossSiteMessage")}
          requestId={input.requestId}
          requestIdLabel={t("errors.reference")}
          homeLabel={t("errors.backHome")}
          plainHomeLink
        />
      </body>
    </html>,
  );
  return { html: `<!DOCTYPE html>${page}`, text: t("errors.crossSiteText") };
}
