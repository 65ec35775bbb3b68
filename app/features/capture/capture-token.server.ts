import { createHmac, hkdfSync } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { env } from "~/kernel/env.server";
import { safeEqual } from "~/kernel/crypto.server";

/** Characters of a capture token: 50 bits, never guessed within any sender's lifetime. */
const TOKEN_LENGTH = 10;
/** The longest slug of a name in an address, so the whole local part stays readable. */
const SLUG_LENGTH = 24;

/** The key capture tokens are signed with: CAPTURE_KEY, else derived from ENCRYPTION_KEY. */
function captureKey(): Buffer {
  const { CAPTURE_KEY, ENCRYPTION_KEY } = env();
  if (CAPTURE_KEY) return Buffer.from(CAPTURE_KEY, "hex");
  // A key of its own for this purpose: a token never reveals anything about the encryption key.
  return Buffer.from(
    hkdfSync("sha256", Buffer.from(ENCRYPTION_KEY, "hex"), "", "ambit capture addresses", 32),
  );
}

/**
 * The token of an organisation's capture address in a project: an HMAC over the project, the
 * organisation and the key version, so it names exactly that pair, cannot be moved to another
 * project, and changes when the version is raised.
 */
export function captureToken(projectId: string, organizationId: string, keyVersion: number) {
  const mac = createHmac("sha256", captureKey())
    .update(`capture\u0000${projectId}\u0000${organizationId}\u0000${keyVersion}`)
    .digest();
  return encodeBase32LowerCaseNoPadding(mac).slice(0, TOKEN_LENGTH);
}

/** Whether a token is the current one of the pair at that version (constant time). */
export function isCaptureToken(
  token: string,
  pair: { projectId: string; organizationId: string; keyVersion: number },
) {
  return safeEqual(token, captureToken(pair.projectId, pair.organizationId, pair.keyVersion));
}

const TRANSLITERATIONS: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", ß: "ss" };

/** A name as the words of an address: "Café Morgenrot – Umbau Gastraum" → "cafe-morgenrot-umbau-gas…". */
export function slugOf(name: string) {
  const slug = name
    .toLowerCase()
    .replace(/[äöüß]/g, (char) => TRANSLITERATIONS[char]!)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, SLUG_LENGTH)
    .replace(/^-+|-+$/g, "");
  return slug || "x";
}

/** The address mail is sent or forwarded to: `<project>.<organisation>.<token>@INBOUND_DOMAIN`. */
export function captureAddress(row: { label: string; token: string }) {
  return `${row.label}.${row.token}@${env().INBOUND_DOMAIN}`;
}

/**
 * The token of an address on our inbound domain, or null for any other address. Only the token
 * counts: the words before it are for people and may be anything.
 */
export function tokenOfCaptureAddress(address: string) {
  const match = /^([^@\s]+)@([^@\s]+)$/.exec(address.trim().toLowerCase());
  if (!match || match[2] !== env().INBOUND_DOMAIN.toLowerCase()) return null;
  const token = match[1]!.split(".").at(-1)!;
  return new RegExp(`^[a-z2-7]{${TOKEN_LENGTH}}$`).test(token) ? token : null;
}
