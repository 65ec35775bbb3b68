import { subject, type AppAbility } from "#policies/ability";

/**
 * May the reader see how items are shared (their audience badges and the "why" panel)? Both name
 * member organisations and the sections and people of their memberships: the scope of
 * memberships, which the policy gives host staff and not the members themselves.
 */
export function maySeeSharing(ability: AppAbility) {
  // Asked of another organisation's membership: one's own scope is no secret, others' are.
  return ability.can(
    "read",
    subject("Membership", {
      organizationId: "another organisation",
      revokedAt: null,
      expiresAt: null,
      project: { memberships: [] },
    }),
    "sections",
  );
}

/**
 * Does the reader read items kept internal to the host (an entry with the `internal` audience,
 * in any project)? Counts and summaries that include such items are for these readers only.
 */
export function readsInternalItems(ability: AppAbility) {
  return ability.can(
    "read",
    subject("Entry", {
      audience: { kind: "internal", organizationIds: [] },
      project: { memberships: [] },
    }),
  );
}
