import type { RetentionRecordType, RetentionTrigger } from "#db/schema/values";

/** The triggers that make sense for each kind of record, the default first. */
export const TRIGGERS_OF = {
  entries: ["created", "projectClosed"],
  documents: ["created", "projectClosed"],
  requests: ["resolved", "projectClosed"],
  contacts: ["lastContact", "created"],
  auditEvents: ["created"],
} as const satisfies Record<RetentionRecordType, readonly RetentionTrigger[]>;
