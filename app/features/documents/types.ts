import type { DocumentKind } from "#db/schema/values";
import type { AudienceSummary } from "~/features/sharing";

/** One row of the documents list as the browser receives it. */
export type DocumentView = {
  id: string;
  projectId: string;
  title: string;
  kind: DocumentKind;
  fileName: string;
  sizeBytes: number;
  versionNumber: number;
  hasThumbnail: boolean;
  uploaderName: string;
  uploaderOrganizationName: string;
  updatedAt: string;
  /** Only for the host: externals learn nothing about who else a document is shared with. */
  audience?: { kind: string; names: string[] };
  /** For attachments: the entry they belong to. */
  entry: { id: string; subject: string | null } | null;
};

export type DocumentsPage = {
  documents: DocumentView[];
  /** The keyset cursor of the next (older) page, when there is one. */
  nextCursor: string | null;
};

/** The audience picker's choices and the names its descriptions show. */
export type UploadChoices = {
  presets: string[];
  organizations: { id: string; name: string; kind: string }[];
  requiredOrganizationId: string | null;
  defaultPreset: string;
  summary: AudienceSummary;
  limitMb: number;
};

/** What the upload panel sent besides the files, echoed back so the form keeps it. */
export type UploadFields = {
  audience: string;
  audienceOrganizationIds: string[];
  title: string;
  description: string;
};

export type UploadError = {
  field: "files" | "audience" | "audienceOrganizationIds";
  message: string;
};

/** The answer to one upload: per file, a document or the sentence why it was refused. */
export type UploadResult = {
  created: { id: string; title: string; fileName: string }[];
  refused: { name: string; reason: string; message: string }[];
  /** A problem with the form as a whole (audience, no file, request too large). */
  error: UploadError | null;
  fields: UploadFields;
};
