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

function defineAdmin({ can }: Builder) {
  can("manage", ["Organization", "User", "Invitation"]).because(
    "Administrators manage organisations and users",
  );
  can("manage", [...HOST_BUSINESS, "Membership"]).because(
    "Administrators read and write all business data",
  );
  can("read", "AuditEvent").because("Administrators read the audit log");
  // It holds every user's live reset and invitation links: reading it is taking over accounts.
  can("read", "MailOutbox").because(
    "Administrators read the development mail outbox, which holds every user's mail",
  );
  can("update", "HostSettings").because(
    "Administrators change the settings of the installation, such as its default language",
  );
}

function defineAccountManager({ can }: Builder, actor: Actor) {
  can("read", ["Organization", "User"]).because("Host staff see every organisation and user");
  can(["read", "create", "update", "comment"], HOST_BUSINESS).because(
    "Account managers read and write all business data",
  );
  can("read", "Membership").because("Host staff see every membership and its scope");
  can("manage", "Membership", { "project.ownerId": actor.id }).because(
    "Project owners manage their project's memberships",
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
  ]).because("Compliance officers read everything and change no business data");
  can("review", "Membership").because("Compliance officers recertify or revoke access in reviews");
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
    scope: { entryId: null },
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
  can(
    "read",
    "Request",
    allOf({ assignedOrganizationId: actor.organizationId }, through(["project.memberships"], live)),
  ).because("Requests assigned to your organisation");
  can(
    ["read", "create"],
    "RequestComment",
    allOf(
      { internal: false, "request.assignedOrganizationId": actor.organizationId },
      through(["request.project.memberships"], live),
    ),
  ).because("Public replies on requests assigned to your organisation");
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
  const requests = withSection(actor, now, "requests");
  can(
    ["read", "create", "comment"],
    "Request",
    allOf({ organizationId: actor.organizationId }, through(["project.memberships"], requests)),
  ).because("Customers open and follow their organisation's requests");
  can(
    ["read", "create"],
    "RequestComment",
    allOf(
      { internal: false, "request.organizationId": actor.organizationId },
      through(["request.project.memberships"], requests),
    ),
  ).because("Customers read and write public replies on their requests");
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
      break;
    case "account_manager":
      defineAccountManager(builder, actor);
      break;
    case "compliance_officer":
      defineComplianceOfficer(builder);
      break;
    case "partner":
      definePartner(builder, actor, now);
      break;
    case "customer":
      defineCustomer(builder, actor, now);
      break;
  }
  const ability = createMongoAbility<AppAbility>(builder.rules, { conditionsMatcher });
  actors.set(ability, { actor, now });
  return ability;
}
