import type { Actor } from "./ability";

/** The policy's view of a signed-in user. */
export function actorOf(
  user: { id: string; organizationId: string; role: Actor["role"] },
  organization: { kind: Actor["organizationKind"] },
): Actor {
  return {
    id: user.id,
    organizationId: user.organizationId,
    role: user.role,
    organizationKind: organization.kind,
  };
}
