import { useTranslation } from "react-i18next";
import { requestStatuses } from "#db/schema/values";
import { FilterSelect } from "~/components/filter-form";

/**
 * The status filter of every request list: open ones by default, or one status, or all. The
 * host and partners read "waiting on customer" where the customer reads "waiting on you".
 */
export function RequestStatusFilter({ customerView }: { customerView: boolean }) {
  const { t } = useTranslation();
  return (
    <FilterSelect
      label={t("requests.filters.status")}
      name="status"
      all={t("requests.filters.open")}
      options={[
        { value: "all", label: t("requests.filters.all") },
        ...requestStatuses.map((status) => ({
          value: status,
          label:
            status === "waiting_on_customer" && !customerView
              ? t("requests.hostStatuses.waiting_on_customer")
              : t(`requests.statuses.${status}`),
        })),
      ]}
    />
  );
}
