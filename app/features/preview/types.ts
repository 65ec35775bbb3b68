import type { EntryChannel, MembershipAccess, OrganizationKind, ProjectSection } from "#db/schema";
import type { RequestListItem } from "~/features/requests";

/** An organisation the project can be previewed as, with its membership and its people. */
export type PreviewChoice = {
  organizationId: string;
  name: string;
  kind: Exclude<OrganizationKind, "host">;
  state: "active" | "expired" | "revoked";
  access: MembershipAccess;
  sections: ProjectSection[];
  /** The host's calendar day the membership ended or ends on. */
  expiresOn: string | null;
  /** The people a narrowed membership is limited to (empty: the whole organisation). */
  namedPeople: string[];
  people: { id: string; name: string }[];
};

/** Whom the preview shows the project to: an organisation, as one of its users or any user. */
export type PreviewParty = {
  choice: PreviewChoice;
  /** Null: an ordinary user of the organisation, named nowhere. */
  person: { id: string; name: string } | null;
};

type Listed<Item> = { items: Item[]; more: boolean } | null;

/** The project as the party sees it; `opens: false` when it cannot open the project at all. */
export type ProjectPreview =
  | { opens: false }
  | {
      opens: true;
      sections: Record<"history" | "documents" | "requests", boolean>;
      entries: Listed<{
        id: string;
        subject: string;
        channel: EntryChannel;
        occurredAt: string;
        author: string;
        authorOrganization: string;
      }>;
      documents: Listed<{
        id: string;
        title: string;
        version: number;
        updatedAt: string;
        uploader: string;
      }>;
      requests: Listed<RequestListItem>;
      contacts: {
        id: string;
        name: string;
        roleTitle: string | null;
        email: string | null;
        phone: string | null;
      }[];
      members: { name: string; kind: OrganizationKind }[];
    };

/** Everything the preview page shows. */
export type ProjectPreviewData = {
  project: { id: string; name: string; accountName: string };
  choices: PreviewChoice[];
  party: { organizationId: string; person: { id: string; name: string } | null } | null;
  preview: ProjectPreview | null;
};
