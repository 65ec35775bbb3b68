/** The columns of an audit event that readers need to show its personal part (ADR 26). */
export type WithPersonalPart = {
  details: Record<string, unknown>;
  personal?: Record<string, unknown> | null;
  personalDigest?: string | null;
};

/** Its personal part, address and browser were erased (a person asked to be forgotten). */
export const personalPartErased = (row: WithPersonalPart) =>
  row.personalDigest != null && row.personal == null;

/**
 * An event's details as a reader sees them: the personal values merged in (they were in
 * `details` before ADR 26, so older and newer events read alike), the salt left out.
 */
export function readableDetails(row: WithPersonalPart): Record<string, unknown> {
  if (!row.personal) return row.details;
  const { salt: _salt, ...personal } = row.personal;
  return { ...row.details, ...personal };
}
