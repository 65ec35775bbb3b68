import { useTranslation } from "react-i18next";
import { Badge } from "~/features/projects";

const audienceTones: Record<string, string> = {
  internal: "revoked",
  all_members: "active",
  partners: "planning",
  customer: "planning",
  custom: "on_hold",
};

export function AudienceBadge({ audience }: { audience: { kind: string; names: string[] } }) {
  const { t } = useTranslation();
  const label =
    audience.kind === "custom"
      ? audience.names.length
        ? t("history.audiences.custom", { names: audience.names.join(", ") })
        : t("history.audiences.customEmpty")
      : t(`history.audiences.${audience.kind}`);
  return (
    <span title={t("history.audienceLabel")}>
      <Badge tone={audienceTones[audience.kind] ?? "completed"}>{label}</Badge>
    </span>
  );
}
