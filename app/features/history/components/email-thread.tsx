import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LocalTime } from "~/components/local-time";
import { Card } from "~/components/ui/card";
import { cn } from "~/components/ui/cn";
import { Direction } from "./entry-channel";

export type ThreadMessage = {
  id: string;
  subject: string;
  direction: string;
  occurredAt: string;
  redacted: boolean;
};

/**
 * The conversation an email belongs to, oldest first: every message of it the reader may read,
 * the one on the page marked.
 */
export function EmailThread({
  messages,
  currentId,
  projectId,
}: {
  messages: ThreadMessage[];
  currentId: string;
  projectId: string;
}) {
  const { t } = useTranslation();
  return (
    <Card
      title={t("history.thread.title")}
      description={t("history.thread.description", { count: messages.length })}
    >
      <ol className="flex flex-col gap-2" data-testid="email-thread">
        {messages.map((message) => {
          const current = message.id === currentId;
          const subject = message.redacted ? t("history.redacted") : message.subject;
          return (
            <li
              key={message.id}
              aria-current={current ? "true" : undefined}
              className={cn(
                "flex flex-wrap items-baseline gap-x-3 gap-y-0.5 rounded-lg px-3 py-2 text-sm",
                current ? "bg-brand-50 ring-1 ring-brand-200" : "hover:bg-slate-50",
              )}
            >
              <span className="text-slate-500">
                <LocalTime iso={message.occurredAt} />
              </span>
              <Direction direction={message.direction} />
              {current ? (
                <span className="min-w-0 font-medium break-words text-slate-900">{subject}</span>
              ) : (
                <Link
                  to={`/projects/${projectId}/history/${message.id}`}
                  className="min-w-0 font-medium break-words text-brand-700 hover:underline"
                >
                  {subject}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
