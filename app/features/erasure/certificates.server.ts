import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "#db/client.server";
import { erasures, users } from "#db/schema";
import type { DataSubjectKind } from "#db/schema/values";
import type { AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { storedSignature } from "~/kernel/audit/checkpoints.server";
import { isUuid } from "~/kernel/query-input";
import type { CertificateBody, SignedCertificate } from "./certificate";

/** The erasures the reader may read, newest first. */
export async function listErasures(ability: AppAbility) {
  const rows = await db()
    .select({
      id: erasures.id,
      subjectKind: erasures.subjectKind,
      pseudonym: erasures.pseudonym,
      reference: erasures.reference,
      erasedAt: erasures.erasedAt,
      erasedBy: users.name,
    })
    .from(erasures)
    .innerJoin(users, eq(users.id, erasures.erasedById))
    .where(accessibleWhere(ability, "read", "Erasure"))
    .orderBy(desc(erasures.erasedAt))
    .limit(200);
  return rows.map((row) => ({ ...row, erasedAt: row.erasedAt.toISOString() }));
}

/** A deletion certificate as signed, with its signature. */
export async function erasureCertificate(
  ability: AppAbility,
  id: string,
): Promise<SignedCertificate | null> {
  if (!isUuid(id)) return null;
  const [row] = await db()
    .select()
    .from(erasures)
    .where(and(eq(erasures.id, id), accessibleWhere(ability, "read", "Erasure")));
  if (!row) return null;
  return {
    ...(row.certificate as CertificateBody),
    signature: storedSignature(row.keyId, row.signature),
  };
}

/** The id of the erasure of a person, if they were erased and the reader may read it. */
export async function latestErasureOf(ability: AppAbility, kind: DataSubjectKind, id: string) {
  const [row] = await db()
    .select({ id: erasures.id })
    .from(erasures)
    .where(
      and(
        eq(erasures.subjectKind, kind),
        eq(erasures.subjectId, id),
        accessibleWhere(ability, "read", "Erasure"),
      ),
    )
    .orderBy(desc(erasures.erasedAt))
    .limit(1);
  return row?.id ?? null;
}

/** How many people were erased, for the console. */
export async function erasureCount() {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(erasures);
  return row?.n ?? 0;
}
