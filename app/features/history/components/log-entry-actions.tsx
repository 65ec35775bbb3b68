import { Link, useNavigate } from "@remix-run/react";
import { Mail, Mailbox, Phone, StickyNote, Users, type LucideIcon } from "lucide-react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { EntryChannel } from "#db/schema/values";
import { buttonClasses } from "~/components/ui/button";
import { isTyping } from "~/components/keyboard";

/** The channels one logs by hand from the timeline, with their keyboard shortcut. */
export const LOG_ACTIONS = [
  { channel: "call", key: "c", icon: Phone },
  { channel: "email", key: "e", icon: Mail },
  { channel: "letter", key: "l", icon: Mailbox },
  { channel: "meeting", key: "m", icon: Users },
  { channel: "note", key: "n", icon: StickyNote },
] as const satisfies readonly { channel: EntryChannel; key: string; icon: LucideIcon }[];

export const logEntryPath = (projectId: string, channel: EntryChannel) =>
  `/projects/${projectId}/history/new?channel=${channel}`;

/** While mounted, the single letters of LOG_ACTIONS open the logging forms (not while typing). */
function useLogShortcuts(projectId: string) {
  const navigate = useNavigate();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat || isTyping(event.target)) return;
      if (event.metaKey || event.ctrlKey || event.altKey || event.shiftKey) return;
      const action = LOG_ACTIONS.find((item) => item.key === event.key);
      if (!action) return;
      event.preventDefault();
      navigate(logEntryPath(projectId, action.channel));
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [navigate, projectId]);
}

const kbdClasses =
  "hidden rounded border border-current/30 px-1.5 font-sans text-xs leading-5 font-medium opacity-80 sm:inline";

/**
 * "Log a call" and the other channels. On a phone the others shrink to their icons; from `sm` on
 * each shows its name and its shortcut key.
 */
export function LogEntryActions({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  useLogShortcuts(projectId);
  return (
    <div
      role="group"
      aria-label={t("history.log.label")}
      className="flex flex-wrap items-center gap-1.5 sm:gap-2"
      data-testid="log-actions"
    >
      {LOG_ACTIONS.map(({ channel, key, icon: Icon }, index) => {
        const label = t(`history.log.${channel}`);
        const primary = index === 0;
        return (
          <Link
            key={channel}
            to={logEntryPath(projectId, channel)}
            aria-keyshortcuts={key}
            title={t("history.log.shortcut", { action: label, key: key.toUpperCase() })}
            className={buttonClasses(
              primary ? "primary" : "secondary",
              // Narrow on a phone, so the row holds "Anruf erfassen" and all four icons.
              primary ? undefined : "min-w-10 px-2.5! sm:px-4!",
            )}
          >
            <Icon aria-hidden className="size-4 shrink-0" />
            {primary ? (
              label
            ) : (
              <>
                <span className="sr-only">{label}</span>
                <span aria-hidden className="hidden sm:inline">
                  {t(`history.channels.${channel}`)}
                </span>
              </>
            )}
            <kbd aria-hidden className={kbdClasses}>
              {key.toUpperCase()}
            </kbd>
          </Link>
        );
      })}
    </div>
  );
}
