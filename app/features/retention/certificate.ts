import type { RetentionRecordType, RetentionTrigger } from "#db/schema/values";
import type { Signed } from "~/kernel/audit/signed-certificate";

/** What one rule did in a run. */
export type RetentionResult = {
  recordType: RetentionRecordType;
  action: "delete" | "anonymise";
  years: number;
  trigger: RetentionTrigger;
  rows: number;
  /** The records' ids (audit events: their sequence numbers); contacts by pseudonym too. */
  ids: string[];
  heldBack: number;
};

export type RetentionCertificateBody = {
  type: "ambit.retention-certificate";
  version: 1;
  id: string;
  ranAt: string;
  /** Null for the daily job. */
  ranBy: { id: string; name: string; role: string } | null;
  results: RetentionResult[];
  files: number;
  audit: {
    chainHeadBefore: { seq: number; hash: string };
    chainHeadAfter: { seq: number; hash: string };
  };
};

export type RetentionCertificate = Signed<RetentionCertificateBody>;
