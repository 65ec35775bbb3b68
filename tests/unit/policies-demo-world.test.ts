import { describe, expect, test } from "vitest";
import { defineAbilityFor, subject, type Actor } from "#policies/ability";

/*
 * The rules for entries, documents, requests and request comments, whose tables arrive with
 * later features, checked in memory against "What each person must see" in DEMO_WORLD.md.
 */

const now = new Date("2026-11-23T12:00:00Z");
const yesterday = new Date("2026-11-22T12:00:00Z");
const org = { H: "host", L: "lumen", M: "meyer", W: "wolff", C1: "morgenrot", C2: "brandt" };

const member = (
  organizationId: string,
  access: string,
  sections: string[],
  expiresAt: Date | null = null,
) => ({
  organizationId,
  access,
  sections,
  expiresAt,
  revokedAt: null,
  narrowed: false,
  userIds: [],
});

const projects = {
  G: {
    id: "G",
    memberships: [
      member(org.L, "contribute", ["history", "documents", "contacts"]),
      member(org.M, "contribute", ["history"]),
      member(org.C1, "contribute", ["history", "documents", "requests"]),
    ],
  },
  E: {
    id: "E",
    memberships: [
      member(org.W, "contribute", ["history", "documents"]),
      member(org.C2, "contribute", ["history", "documents", "requests"]),
      member(org.L, "view", ["history"], yesterday),
    ],
  },
  T: { id: "T", memberships: [] },
};

const shared = (project: keyof typeof projects, audience: string, custom: string[] = []) => ({
  project: projects[project],
  audience: { kind: audience, organizationIds: custom },
});

const entries = {
  1: shared("G", "all_members"),
  2: shared("G", "internal"),
  3: shared("G", "custom", [org.M]),
  4: shared("G", "custom", [org.L, org.C1]),
  5: shared("G", "custom", [org.M]),
  6: shared("G", "all_members"),
  7: shared("E", "all_members"),
  8: shared("E", "internal"),
  9: shared("T", "internal"),
};
const documents = {
  HERON: shared("G", "all_members"),
  FALCON: shared("G", "custom", [org.M]),
  IBIS: shared("E", "customer"),
};
const requests = {
  CORAL: { project: projects.G, organizationId: org.C1, assignedOrganizationId: org.L },
  DELTA: { project: projects.E, organizationId: org.C2, assignedOrganizationId: null },
};
const comments = {
  "CORAL reply": {
    request: requests.CORAL,
    audience: { kind: "all_members", organizationIds: [] },
  },
  SECRETNOTE: { request: requests.CORAL, audience: { kind: "internal", organizationIds: [] } },
};

const people: Record<string, Actor> = {
  ida: { id: "ida", organizationId: org.H, role: "admin", organizationKind: "host" },
  anna: { id: "anna", organizationId: org.H, role: "account_manager", organizationKind: "host" },
  tom: { id: "tom", organizationId: org.H, role: "account_manager", organizationKind: "host" },
  clara: {
    id: "clara",
    organizationId: org.H,
    role: "compliance_officer",
    organizationKind: "host",
  },
  lena: { id: "lena", organizationId: org.L, role: "partner", organizationKind: "partner" },
  jonas: { id: "jonas", organizationId: org.M, role: "partner", organizationKind: "partner" },
  mara: { id: "mara", organizationId: org.W, role: "partner", organizationKind: "partner" },
  eva: { id: "eva", organizationId: org.C1, role: "customer", organizationKind: "customer" },
  paul: { id: "paul", organizationId: org.C2, role: "customer", organizationKind: "customer" },
};

const host = {
  entries: "1 2 3 4 5 6 7 8 9",
  documents: "HERON FALCON IBIS",
  requests: "CORAL DELTA",
  comments: "CORAL reply,SECRETNOTE",
};
const expected: Record<string, typeof host> = {
  ida: host,
  anna: host,
  tom: host,
  clara: host,
  lena: { entries: "1 4 6", documents: "HERON", requests: "CORAL", comments: "CORAL reply" },
  jonas: { entries: "1 3 5 6", documents: "", requests: "", comments: "" },
  mara: { entries: "7", documents: "", requests: "", comments: "" },
  eva: { entries: "1 4 6", documents: "HERON", requests: "CORAL", comments: "CORAL reply" },
  paul: { entries: "7", documents: "IBIS", requests: "DELTA", comments: "" },
};

function visible(
  person: string,
  type: "Entry" | "Document" | "Request" | "RequestComment",
  items: object,
) {
  const ability = defineAbilityFor(people[person]!, now);
  return Object.entries(items)
    .filter(([, item]) => ability.can("read", subject(type, item as Record<string, unknown>)))
    .map(([name]) => name);
}

describe("what each demo user may read (rules of later features)", () => {
  for (const person of Object.keys(people)) {
    test(person, () => {
      const want = expected[person]!;
      expect(visible(person, "Entry", entries)).toEqual(want.entries.split(" ").filter(Boolean));
      expect(visible(person, "Document", documents)).toEqual(
        want.documents.split(" ").filter(Boolean),
      );
      expect(visible(person, "Request", requests)).toEqual(
        want.requests.split(" ").filter(Boolean),
      );
      expect(visible(person, "RequestComment", comments)).toEqual(
        want.comments.split(",").filter(Boolean),
      );
    });
  }

  test("Clara can read everything and write none of it", () => {
    const clara = defineAbilityFor(people.clara!, now);
    for (const [type, item] of [
      ["Entry", entries[1]],
      ["Document", documents.HERON],
      ["Request", requests.CORAL],
      ["Project", projects.G],
    ] as const) {
      expect(clara.can("read", subject(type, item))).toBe(true);
      for (const action of ["create", "update", "delete", "redact"] as const) {
        expect(clara.can(action, subject(type, item))).toBe(false);
      }
    }
  });

  test("only contributors with the section may add entries and documents", () => {
    const can = (person: string, type: "Entry" | "Document", project: keyof typeof projects) =>
      defineAbilityFor(people[person]!, now).can(
        "create",
        subject(type, { project: projects[project] }),
      );
    expect(can("jonas", "Entry", "G")).toBe(true);
    expect(can("jonas", "Document", "G")).toBe(false);
    expect(can("lena", "Entry", "E")).toBe(false); // expired membership
    expect(can("mara", "Document", "E")).toBe(true);
    expect(can("paul", "Entry", "G")).toBe(false);
  });

  test("a document's access history: account managers without network details, Ida and Clara with them", () => {
    const access = subject("AuditEvent", { subjectType: "Document", subjectId: "HERON" });
    const signIn = subject("AuditEvent", { subjectType: "User", subjectId: "eva" });
    for (const person of ["ida", "clara"]) {
      const ability = defineAbilityFor(people[person]!, now);
      expect(ability.can("read", access, "ip"), person).toBe(true);
      expect(ability.can("read", signIn), person).toBe(true);
    }
    for (const person of ["anna", "tom"]) {
      const ability = defineAbilityFor(people[person]!, now);
      expect(ability.can("read", access, "actorName"), person).toBe(true);
      expect(ability.can("read", access, "ip"), person).toBe(false);
      expect(ability.can("read", access, "userAgent"), person).toBe(false);
      expect(ability.can("read", signIn), person).toBe(false);
    }
    for (const person of ["lena", "jonas", "mara", "eva", "paul"]) {
      expect(defineAbilityFor(people[person]!, now).can("read", access), person).toBe(false);
    }
  });
});
