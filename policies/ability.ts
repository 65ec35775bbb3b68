import {
  buildMongoQueryMatcher,
  createMongoAbility,
  type MongoAbility,
  type MongoQuery as CaslMongoQuery,
  type RawRuleOf,
} from "@casl/ability";
import { $and, $or, and, or } from "@ucast/mongo2js";
import type { OrganizationKind, ProjectSection, UserRole } from "../db/schema";

export const subjectNames = [
  "Organization",
  "User",
  "Invitation",
  "Account",
  "Contact",
  "Project",
  "Membership",
  "Audience",
  "Entry",
  "Document",
  "Request",
  "RequestComment",
  "AuditEvent",
  "MailOutbox",
  "HostSettings",
  /** An organisation's address for mail to land in a project's history (per project). */
  "CaptureAddress",
  /** Received mail that could not be placed safely, waiting for an account manager. */
  "UnresolvedMail",
  /** The compliance console: the whole audit log, its exports and its integrity. */
  "ComplianceConsole",
  /** An access review campaign: external memberships recertified by a due day. */
  "AccessReview",
  /** One membership in an access review, with its reviewer's decision. */
  "AccessReviewItem",
  /** A data-subject export: everything Ambit holds about one person, as a ZIP for a day. */
  "SubjectExport",
  /** A legal hold on an account, project or contact person: no erasure, no retention. */
  "LegalHold",
  /** A person's data erased for good, and its signed deletion certificate. */
  "Erasure",
  /** How long one kind of record is kept before retention removes or anonymises it. */
  "RetentionRule",
  /** One run of retention, with its signed certificate. */
  "RetentionRun",
] as const;
export type SubjectName = (typeof subjectNames)[number];

/** `manage` is CASL's "every action"; the others are the product's verbs. */
export const actions = [
  "manage",
  "read",
  "create",
  "update",
  "delete",
  "redact",
  "review",
  "comment",
  /** Move a request to another status; the field names the status it moves to. */
  "transition",
  /** Hand a request to a partner organisation, or take it back. */
  "assign",
  /** Rate how a request was resolved. */
  "rate",
  /** Write an email from a project to its people; it is sent and kept as an entry. */
  "send",
  /** See a project as one of its member organisations (or one of their users) sees it. */
  "preview",
  /** Lock a user out: every session ends, and signing in is refused. */
  "disable",
  /** Take away a file that holds another person's data (a data-subject export). */
  "download",
  /** Anonymise a person for good: a data-protection erasure, with a deletion certificate. */
  "erase",
] as const;
export type Action = (typeof actions)[number];

export type TaggedSubject = { __caslSubjectType__: SubjectName } & Record<string, unknown>;
/** Conditions over any fields: the subjects are rows with relations, not one TypeScript type. */
type MongoQuery = CaslMongoQuery<Record<string, unknown>>;
export type AppAbility = MongoAbility<[Action, SubjectName | TaggedSubject], MongoQuery>;

export type Actor = {
  id: string;
  organizationId: string;
  role: UserRole;
  organizationKind: OrganizationKind;
};

/** Tags a plain row so CASL knows its subject type (for in-memory checks). */
export function subject<T extends Record<string, unknown>>(type: SubjectName, row: T) {
  return { ...row, __caslSubjectType__: type } as T & TaggedSubject;
}

type Rule = RawRuleOf<AppAbility>;

/**
 * Collects raw rules; every rule must say why it exists (`because`), which "why can X see this"
 * shows later. (CASL's AbilityBuilder cannot type conditions on string subjects.)
 */
class Builder {
  readonly rules: Rule[] = [];
  can = (
    action: Action | Action[],
    subjectType: SubjectName | SubjectName[],
    fieldsOrConditions?: string[] | MongoQuery,
    maybeConditions?: MongoQuery,
  ) => {
    const fields = Array.isArray(fieldsOrConditions) ? fieldsOrConditions : undefined;
    const conditions = Array.isArray(fieldsOrConditions) ? maybeConditions : fieldsOrConditions;
    const rule: Rule = { action, subject: subjectType, fields, conditions };
    return {
      because: (reason: string) => {
        this.rules.push({ ...rule, reason });
      },
    };
  };
  /** Takes back what an earlier, wider rule gave (such as an administrator's `manage`). */
  cannot = (action: Action, subjectType: SubjectName, conditions: MongoQuery) => ({
    because: (reason: string) => {
      this.rules.push({ action, subject: subjectType, conditions, inverted: true, reason });
    },
  });
}

/**
 * Every way the actor's organisation holds a live membership: not revoked, not expired, and
 * either open to the whole organisation or naming the actor. CASL cannot nest `$or` inside
 * `$elemMatch`, so the four combinations are spelled out and joined with `$or` at the top.
 */
function liveMemberships(actor: Actor, now: Date, extra: MongoQuery = {}): MongoQuery[] {
  const variants: MongoQuery[] = [];
  for (const expiry of [{ expiresAt: null }, { expiresAt: { $gt: now } }]) {
    for (const narrowing of [{ narrowed: false }, { userIds: actor.id }]) {
      variants.push({
        organizationId: actor.organizationId,
        revokedAt: null,
        ...expiry,
        ...narrowing,
        ...extra,
      });
    }
  }
  return variants;
}

/**
 * A condition that reaches a live membership of the actor through the given relation path.
 * To-many hops are their own segments (`$elemMatch`); to-one hops are dotted into the next
 * segment (`account.projects`), as CASL matches `$elemMatch` only on arrays.
 */
function through(path: string[], memberships: MongoQuery[]): MongoQuery {
  return {
    $or: memberships.map((membership) =>
      path.reduceRight<MongoQuery>(
        (inner, relation) => ({ [relation]: { $elemMatch: inner } }),
        membership,
      ),
    ),
  };
}

/** Conditions that must all hold; `$and` keeps two `$or` groups from overwriting each other. */
function allOf(...conditions: MongoQuery[]): MongoQuery {
  return { $and: conditions };
}

const notExpired = (now: Date): MongoQuery => ({
  $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
});

function withSection(actor: Actor, now: Date, section: ProjectSection, access?: "contribute") {
  return liveMemberships(actor, now, { sections: section, ...(access ? { access } : {}) });
}

/** Fields of a contact every project member may read; email and phone need `contacts`. */
export const contactBasicFields = ["id", "accountId", "name", "roleTitle"];
/** Fields of a membership that people outside the host see (not its scope). */
export const membershipPublicFields = ["id", "projectId", "organizationId", "userIds"];

/**
 * What an access event of a document says without its network details: who, which
 * organisation, what and when. The IP address and browser are for administrators and
 * compliance officers.
 */
export const documentAccessFields = [
  "seq",
  "occurredAt",
  "action",
  "actorName",
  "actorOrganizationName",
  "subjectType",
  "subjectId",
  "details",
];

const HOST_BUSINESS: SubjectName[] = [
  "Account",
  "Contact",
  "Project",
  "Entry",
  "Document",
  "Request",
  "RequestComment",
];

/**
 * Data-subject exports: those who answer data-subject requests ask for them and follow them;
 * the file, which holds everything about a person, goes only to the one who asked for it.
 */
function defineSubjectExports({ can, cannot }: Builder, actor: Actor) {
  can(["read", "create"], "SubjectExport").because(
    "Administrators and compliance officers answer data-subject requests",
  );
  can(["read", "create"], "Erasure").because(
    "Administrators and compliance officers erase a person who asks to be forgotten",
  );
  can("erase", "Contact").because(
    "Administrators and compliance officers erase contact persons who ask to be forgotten",
  );
  can("erase", "User", { role: { $in: ["partner", "customer"] } }).because(
    "Administrators and compliance officers erase external users who left",
  );
  // Not even under an administrator's `manage`: host staff's work is the host's own record.
  cannot("erase", "User", {
    role: { $in: ["admin", "account_manager", "compliance_officer"] },
  }).because("Host staff are not erased: their work for the host is the host's own record");
  can("download", "SubjectExport", { requestedById: actor.id }).because(
    "Only the person who asked for a data-subject export downloads it",
  );
}

/** Retention: how long records are kept, what is due, and running it before the daily job. */
function defineRetention({ can }: Builder) {
  can(["read", "update"], "RetentionRule").because(
    "Administrators and compliance officers set how long each kind of record is kept",
  );
  can(["read", "create"], "RetentionRun").because(
    "Administrators and compliance officers see what retention removes, and run it",
  );
}

function defineAdmin({ can }: Builder) {
  can("manage", ["Organization", "User", "Invitation"]).because(
    "Administrators manage organisations and users",
  );
  can("manage", [...HOST_BUSINESS.filter((name) => name !== "Request"), "Membership"]).because(
    "Administrators read and write all business data",
  );
  // Not `manage`: rating a resolution is the customer's word, never the host's.
  can(["read", "create", "update", "delete", "comment", "transition", "assign"], "Request").because(
    "Administrators read and write all business data",
  );
  can("read", "AuditEvent").because("Administrators read the audit log");
  can("read", "ComplianceConsole").because(
    "Administrators open the compliance console: the whole audit log and its exports",
  );
  can("manage", ["AccessReview", "AccessReviewItem"]).because(
    "Administrators run access reviews and decide any membership in them",
  );
  can(["create", "read", "update"], "LegalHold").because(
    "Administrators place and release legal holds",
  );
  // It holds every user's live reset and invitation links: reading it is taking over accounts.
  can("read", "MailOutbox").because(
    "Administrators read the development mail outbox, which holds every user's mail",
  );
  can("update", "HostSettings").because(
    "Administrators change the settings of the installation, such as its default language",
  );
  can("manage", ["CaptureAddress", "UnresolvedMail"]).because(
    "Administrators see every capture address and place or discard mail that could not be placed",
  );
}

function defineAccountManager({ can }: Builder, actor: Actor) {
  can("read", ["Organization", "User"]).because("Host staff see every organisation and user");
  can(["read", "create", "update", "comment"], HOST_BUSINESS).because(
    "Account managers read and write all business data",
  );
  can(["transition", "assign"], "Request").because(
    "Account managers answer requests: they move them through the workflow and assign them",
  );
  can("send", "Entry").because("Account managers write emails from every project");
  can("read", "CaptureAddress").because("Host staff see every capture address of every project");
  can("update", "CaptureAddress", { "project.ownerId": actor.id }).because(
    "Project owners give their project's capture addresses new tokens",
  );
  can(["read", "update"], "UnresolvedMail").because(
    "Account managers place or discard received mail that could not be placed",
  );
  can("read", "Membership").because("Host staff see every membership and its scope");
  can("manage", "Membership", { "project.ownerId": actor.id }).because(
    "Project owners manage their project's memberships",
  );
  can("preview", "Project", { ownerId: actor.id }).because(
    "Project owners preview their project as each member organisation sees it",
  );
  can(["read", "update"], "AccessReviewItem", { reviewerId: actor.id }).because(
    "Reviewers decide the memberships an access review gives them",
  );
  can("read", "AccessReview", { "items.reviewerId": actor.id }).because(
    "Reviewers open the access reviews that give them memberships to decide",
  );
  can("read", "AuditEvent", documentAccessFields, { subjectType: "Document" }).because(
    "Account managers see who opened or downloaded a document and when, without network details",
  );
}

function defineComplianceOfficer({ can }: Builder) {
  can("read", [
    ...HOST_BUSINESS,
    "Organization",
    "User",
    "Invitation",
    "Membership",
    "AuditEvent",
    "CaptureAddress",
  ]).because("Compliance officers read everything and change no business data");
  can("review", "Membership").because("Compliance officers recertify or revoke access in reviews");
  can("preview", "Project").because(
    "Compliance officers see any project as each member organisation sees it",
  );
  can(["create", "read", "update"], "AccessReview").because(
    "Compliance officers start, follow and close access reviews",
  );
  can(["create", "read", "update"], "LegalHold").because(
    "Compliance officers place and release legal holds",
  );
  can(["read", "update"], "AccessReviewItem").because(
    "Compliance officers decide any membership in an access review",
  );
  can("disable", "User", { role: { $in: ["partner", "customer"] } }).because(
    "Compliance officers disable dormant external users found in access reviews",
  );
  can("read", "ComplianceConsole").because(
    "Compliance officers open the compliance console: the whole audit log and its exports",
  );
}

/**
 * The items an audience applies to, and the section a membership needs for them. Attachments
 * of an entry carry the entry's audience and belong to the history, as the entry does.
 */
const sharedItems = [
  { subjectType: "Entry", section: "history", scope: {}, shared: "Shared", versioned: true },
  {
    subjectType: "Document",
    section: "documents",
    scope: { entryId: null, requestId: null },
    shared: "Shared",
    versioned: true,
  },
  {
    subjectType: "Document",
    section: "history",
    scope: { entryId: { $ne: null } },
    shared: "Attached to an entry shared",
    versioned: false,
  },
] as const satisfies readonly {
  subjectType: SubjectName;
  section: ProjectSection;
  scope: MongoQuery;
  shared: string;
  /** Whether its author may change it later (attachments stay as the entry got them). */
  versioned: boolean;
}[];

/** What partners and customers share: their own organisation, and projects they are let into. */
function defineExternalBase({ can }: Builder, actor: Actor, now: Date) {
  const live = liveMemberships(actor, now);
  can("read", "Organization", { id: actor.organizationId }).because(
    "Everyone sees their own organisation",
  );
  can("read", "User", { organizationId: actor.organizationId }).because(
    "Everyone sees their colleagues",
  );
  can("read", "Project", through(["memberships"], live)).because(
    "A live membership of your organisation lets you into the project",
  );
  can(
    "read",
    "CaptureAddress",
    allOf(
      { organizationId: actor.organizationId },
      through(["project.memberships"], withSection(actor, now, "history", "contribute")),
    ),
  ).because("Your organisation's capture address, where it contributes to the history");
  can(
    "read",
    "Membership",
    membershipPublicFields,
    allOf({ revokedAt: null }, notExpired(now), through(["project.memberships"], live)),
  ).because("Project members see who else is in the project");
  can("read", "Account", through(["projects", "memberships"], live)).because(
    "Members of a project see its customer account",
  );
  can(
    "read",
    "Contact",
    contactBasicFields,
    through(["account.projects", "memberships"], live),
  ).because("Members of a project see the names and roles of the customer's contact persons");
  can(
    "read",
    "Contact",
    [...contactBasicFields, "email", "phone"],
    through(["account.projects", "memberships"], withSection(actor, now, "contacts")),
  ).because("The contacts section shows contact persons' email and phone");

  for (const { subjectType, section, scope, shared, versioned } of sharedItems) {
    const inSection = withSection(actor, now, section);
    can(
      "read",
      subjectType,
      allOf(scope, { "audience.kind": "all_members" }, through(["project.memberships"], inSection)),
    ).because(`${shared} with all members, and your membership includes ${section}`);
    can(
      "read",
      subjectType,
      allOf(
        scope,
        { "audience.kind": "custom", "audience.organizationIds": actor.organizationId },
        through(["project.memberships"], inSection),
      ),
    ).because(`${shared} with your organisation, and your membership includes ${section}`);
    const contributing = through(
      ["project.memberships"],
      withSection(actor, now, section, "contribute"),
    );
    can("create", subjectType, allOf(scope, contributing)).because(
      `Contributors with the ${section} section may add to it`,
    );
    if (versioned) {
      can("update", subjectType, allOf(scope, { authorId: actor.id }, contributing)).because(
        "Authors edit their own items",
      );
    }
  }
}

function definePartner(builder: Builder, actor: Actor, now: Date) {
  defineExternalBase(builder, actor, now);
  const { can } = builder;
  // Writing to the customer's people needs their addresses (contacts) and a say (contribute);
  // the email itself is a history entry, so the create rule of the history applies as well.
  can(
    "send",
    "Entry",
    through(["project.memberships"], withSection(actor, now, "contacts", "contribute")),
  ).because("Contributors with the contacts section write emails to the project's people");
  const live = liveMemberships(actor, now);
  for (const { subjectType, section, scope, shared } of sharedItems) {
    can(
      "read",
      subjectType,
      allOf(
        scope,
        { "audience.kind": "partners" },
        through(["project.memberships"], withSection(actor, now, section)),
      ),
    ).because(`${shared} with partners, and your membership includes ${section}`);
  }
  // An assignment lets the organisation into that one request, whatever its sections say.
  const assigned = allOf(
    { assignedOrganizationId: actor.organizationId },
    through(["project.memberships"], live),
  );
  can(["read", "comment"], "Request", assigned).because("Requests assigned to your organisation");
  can(
    "transition",
    "Request",
    ["in_progress", "waiting_on_customer", "resolved"],
    allOf({ status: { $in: ["new", "in_progress", "waiting_on_customer"] } }, assigned),
  ).because("Your organisation works on the requests assigned to it until they are resolved");
  const onAssigned = allOf(
    { "request.assignedOrganizationId": actor.organizationId },
    through(["request.project.memberships"], live),
  );
  can(
    ["read", "create"],
    "RequestComment",
    allOf({ "audience.kind": { $in: ["all_members", "partners"] } }, onAssigned),
  ).because("Public replies and partner notes on requests assigned to your organisation");
  can(
    "read",
    "Document",
    allOf(
      { requestId: { $ne: null }, "request.assignedOrganizationId": actor.organizationId },
      through(["project.memberships"], live),
    ),
  ).because("Files sent with a request assigned to your organisation");
}

function defineCustomer(builder: Builder, actor: Actor, now: Date) {
  defineExternalBase(builder, actor, now);
  const { can } = builder;
  can("read", "Account", { id: actor.organizationId }).because("Customers see their own account");
  for (const { subjectType, section, scope, shared } of sharedItems) {
    can(
      "read",
      subjectType,
      allOf(
        scope,
        { "audience.kind": "customer" },
        through(["project.memberships"], withSection(actor, now, section)),
      ),
    ).because(`${shared} with the customer, and your membership includes ${section}`);
  }
  const own = { organizationId: actor.organizationId };
  const reading = through(["project.memberships"], withSection(actor, now, "requests"));
  const writing = through(
    ["project.memberships"],
    withSection(actor, now, "requests", "contribute"),
  );
  can("read", "Request", allOf(own, reading)).because(
    "Customers follow their organisation's requests in projects with the requests section",
  );
  can(["create", "comment"], "Request", allOf(own, writing)).because(
    "Customers who contribute open requests and reply to them",
  );
  can(
    "transition",
    "Request",
    ["in_progress"],
    allOf(own, { status: { $in: ["resolved", "closed"] }, reopenableUntil: { $gt: now } }, writing),
  ).because("Customers reopen a resolved request within the reopening window");
  can("transition", "Request", ["closed"], allOf(own, { status: "resolved" }, writing)).because(
    "Customers confirm a resolution by closing the request",
  );
  can("rate", "Request", allOf(own, { status: { $in: ["resolved", "closed"] } }, writing)).because(
    "Customers rate how their request was resolved",
  );
  const onOwn = { "audience.kind": "all_members", "request.organizationId": actor.organizationId };
  can(
    "read",
    "RequestComment",
    allOf(onOwn, through(["request.project.memberships"], withSection(actor, now, "requests"))),
  ).because("Customers read the public replies on their organisation's requests");
  can(
    "create",
    "RequestComment",
    allOf(
      onOwn,
      through(["request.project.memberships"], withSection(actor, now, "requests", "contribute")),
    ),
  ).because("Customers who contribute reply publicly on their organisation's requests");
  can(
    "read",
    "Document",
    allOf({ requestId: { $ne: null }, "request.organizationId": actor.organizationId }, reading),
  ).because("Files sent with your organisation's requests");
  can(
    "create",
    "Document",
    allOf({ requestId: { $ne: null }, "request.organizationId": actor.organizationId }, writing),
  ).because("Customers who contribute send files with their requests");
}

// CASL leaves out the logical operators by default; the membership variants need `$or`/`$and`.
const conditionsMatcher = buildMongoQueryMatcher({ $and, $or }, { and, or });

const actors = new WeakMap<AppAbility, { actor: Actor; now: Date }>();

/** Whose abilities these are, and at which instant (for queries that decide parts in memory). */
export function actorOfAbility(ability: AppAbility) {
  return actors.get(ability);
}

/** The actor's abilities at `now` (memberships expire against this instant). */
export function defineAbilityFor(actor: Actor, now: Date = new Date()): AppAbility {
  const builder = new Builder();
  switch (actor.role) {
    case "admin":
      defineAdmin(builder);
      defineSubjectExports(builder, actor);
      defineRetention(builder);
      break;
    case "account_manager":
      defineAccountManager(builder, actor);
      break;
    case "compliance_officer":
      defineComplianceOfficer(builder);
      defineSubjectExports(builder, actor);
      defineRetention(builder);
      break;
    case "partner":
      definePartner(builder, actor, now);
      break;
    case "customer":
      defineCustomer(builder, actor, now);
      break;
  }
  builder
    .cannot("update", "Contact", { erasedAt: { $ne: null } })
    .because("An erased contact person stays erased: nobody writes their data back");
  builder
    .cannot("update", "User", { erasedAt: { $ne: null } })
    .because("An erased user stays erased: nobody renames or re-enables them");
  const ability = createMongoAbility<AppAbility>(builder.rules, { conditionsMatcher });
  actors.set(ability, { actor, now });
  return ability;
}
