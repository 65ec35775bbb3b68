import {
  ArrowDownLeft,
  ArrowLeftRight,
  ArrowUpRight,
  Mail,
  Mailbox,
  MessageSquare,
  Phone,
  StickyNote,
  Users,
  Voicemail,
  type LucideIcon,
} from "lucide-react";
import { useTranslation } from "react-i18next";
import { cn } from "~/components/ui/cn";

export const channelIcons: Record<string, LucideIcon> = {
  call: Phone,
  email: Mail,
  letter: Mailbox,
  meeting: Users,
  sms: MessageSquare,
  voicemail: Voicemail,
  note: StickyNote,
};

/** The channel of a history entry as a round icon, labelled for screen readers. */
export function ChannelIcon({ channel, className }: { channel: string; className?: string }) {
  const { t } = useTranslation();
  const Icon = channelIcons[channel] ?? StickyNote;
  return (
    <span
      className={cn(
        "flex size-9 shrink-0 items-center justify-center rounded-full bg-brand-50 text-brand-700 ring-1 ring-brand-100",
        className,
      )}
      title={t(`history.channels.${channel}`)}
    >
      <Icon aria-hidden className="size-4" />
      <span className="sr-only">{t(`history.channels.${channel}`)}</span>
    </span>
  );
}

const directionIcons: Record<string, LucideIcon> = {
  inbound: ArrowDownLeft,
  outbound: ArrowUpRight,
  internal: ArrowLeftRight,
};

export function Direction({ direction }: { direction: string }) {
  const { t } = useTranslation();
  const Icon = directionIcons[direction] ?? ArrowLeftRight;
  return (
    <span className="inline-flex items-center gap-1">
      <Icon aria-hidden className="size-3.5" />
      {t(`history.directions.${direction}`)}
    </span>
  );
}
