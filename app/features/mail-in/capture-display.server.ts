import { and, eq, inArray } from "drizzle-orm";
import { db } from "#db/client.server";
import { captureAddresses, organizations } from "#db/schema";
import { subject, type AppAbility } from "#policies/ability";
import { captureAddress, captureAddressFor } from "~/features/capture/index.server";
import type { PolicyProject } from "~/features/sharing/index.server";
import type { CaptureAddressView } from "./types";

const captureSubject = (project: PolicyProject, organizationId: string) =>
  subject("CaptureAddress", {
    projectId: project.id,
    organizationId,
    project: { id: project.id, ownerId: project.ownerId, memberships: project.memberships },
  });

/**
 * The capture addresses the reader may see in the project: their own organisation's where it
 * contributes to the history; for host staff the host's and every such member's. Addresses are
 * made the first time anyone may see them (one query once they exist).
 */
export async function visibleCaptureAddresses(
  ability: AppAbility,
  project: PolicyProject,
  reader: { organization: { id: string; name: string; kind: string } },
): Promise<{ hostName: string; addresses: CaptureAddressView[] }> {
  const capturing = [
    ...(reader.organization.kind === "host"
      ? [{ id: reader.organization.id, name: reader.organization.name }]
      : []),
    ...project.liveMemberships
      .filter(
        (row) =>
          row.membership.access === "contribute" && row.membership.sections.includes("history"),
      )
      .map((row) => ({ id: row.membership.organizationId, name: row.organizationName })),
  ].filter((organization) => ability.can("read", captureSubject(project, organization.id)));
  if (capturing.length === 0) return { hostName: "", addresses: [] };
  // One statement: the stored addresses, and the host's name the card's text needs.
  const stored = await db()
    .select({
      hostName: organizations.name,
      organizationId: captureAddresses.organizationId,
      label: captureAddresses.label,
      token: captureAddresses.token,
    })
    .from(organizations)
    .leftJoin(
      captureAddresses,
      and(
        eq(captureAddresses.projectId, project.id),
        inArray(
          captureAddresses.organizationId,
          capturing.map((organization) => organization.id),
        ),
      ),
    )
    .where(eq(organizations.kind, "host"));
  const addresses = new Map(
    stored.flatMap((row) =>
      row.organizationId && row.label && row.token
        ? [[row.organizationId, captureAddress({ label: row.label, token: row.token })] as const]
        : [],
    ),
  );
  const views: CaptureAddressView[] = [];
  for (const organization of capturing) {
    const address =
      addresses.get(organization.id) ??
      (await captureAddressFor(project.id, organization.id)).address;
    views.push({
      organizationId: organization.id,
      organizationName: organization.name,
      address,
      own: organization.id === reader.organization.id,
      mayRotate: ability.can("update", captureSubject(project, organization.id)),
    });
  }
  return { hostName: stored[0]?.hostName ?? "", addresses: views };
}

/** May the reader give this organisation's address in the project a new token? */
export function mayRotateCaptureAddress(
  ability: AppAbility,
  project: PolicyProject,
  organizationId: string,
) {
  return ability.can("update", captureSubject(project, organizationId));
}
