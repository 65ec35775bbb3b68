import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useRequestInfo } from "~/components/request-info";
import { StatusPage } from "~/components/status-page";

function describe(error: unknown, t: (key: string) => string) {
  if (isRouteErrorResponse(error) && error.status === 404) {
    return { code: "404", title: t("errors.notFoundTitle"), message: t("errors.notFoundMessage") };
  }
  if (isRouteErrorResponse(error) && error.status === 403) {
    const message =
      typeof error.data === "string" && error.data ? error.data : t("errors.forbiddenMessage");
    return { code: "403", title: t("errors.forbiddenTitle"), message };
  }
  return {
    code: isRouteErrorResponse(error) ? String(error.status) : "500",
    title: t("errors.unexpectedTitle"),
    message: t("errors.unexpectedMessage"),
    showRequestId: true,
  };
}

/** Every route's ErrorBoundary: 404 and 403 explained, anything else apologised for with an id. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const { requestId } = useRequestInfo();
  const page = describe(error, t);
  return (
    <StatusPage
      code={page.code}
      title={page.title}
      message={page.message}
      requestId={page.showRequestId ? requestId : undefined}
      requestIdLabel={t("errors.reference")}
      homeLabel={t("errors.backHome")}
    />
  );
}
