import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexUpperCase } from "@oslojs/encoding";
import type { DataSubjectKind } from "#db/schema/values";

/**
 * What an erased person is called from then on, everywhere: stable (the same person is always
 * the same pseudonym, so a history still reads as one conversation), neutral in both
 * languages, and derived from the record's id alone, which says nothing about the person.
 * Ten hex digits (40 bits): among ten thousand erased people, two share one with a chance of
 * about one in twenty thousand (six digits would make it likely within a few thousand).
 */
export function pseudonymOf(kind: DataSubjectKind, id: string) {
  const code = encodeHexUpperCase(
    sha256(new TextEncoder().encode(`ambit-erasure:${kind}:${id}`)),
  ).slice(0, 10);
  return {
    name: `Person ${code}`,
    // `.invalid` is reserved (RFC 2606): the address still parses, and no mail can ever go there.
    email: `person-${code.toLowerCase()}@erased.invalid`,
  };
}

/** What stands where an erased person's phone number was written. */
export const ERASED_PHONE = "***";
