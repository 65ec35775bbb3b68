import { randomBytes } from "node:crypto";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import { and, eq, isNull } from "drizzle-orm";
import QRCode from "qrcode";
import { db } from "#db/client.server";
import { recoveryCodes, users } from "#db/schema";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import type { User } from "~/kernel/session.server";
import { decrypt, encrypt, hashToken, safeEqual } from "~/kernel/crypto.server";
import { env } from "~/kernel/env.server";

const PERIOD_SECONDS = 30;
const DIGITS = 6;
const RECOVERY_CODE_COUNT = 10;

export type Enrolment = { sealedKey: string; manualKey: string; qrDataUrl: string };

/** A fresh secret, its QR code for authenticator apps, and the sealed form the form carries. */
export function startEnrolment(user: Pick<User, "email">): Promise<Enrolment> {
  return enrolmentFor(user.email, new Uint8Array(randomBytes(20)));
}

/**
 * The enrolment view of a key the form sent back sealed (after a mistyped code the user keeps
 * the key they already scanned), or a fresh one if the sealed key does not open.
 */
export function resumeEnrolment(user: Pick<User, "email">, sealedKey: string): Promise<Enrolment> {
  const key = openSealedKey(sealedKey);
  return key ? enrolmentFor(user.email, key) : startEnrolment(user);
}

async function enrolmentFor(email: string, key: Uint8Array): Promise<Enrolment> {
  const uri = createTOTPKeyURI("Ambit", email, key, PERIOD_SECONDS, DIGITS);
  const svg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return {
    sealedKey: encrypt(key, env().ENCRYPTION_KEY),
    manualKey: encodeBase32UpperCaseNoPadding(key)
      .replace(/(.{4})/g, "$1 ")
      .trim(),
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
  };
}

export function openSealedKey(sealedKey: string): Uint8Array | null {
  try {
    return decrypt(sealedKey, env().ENCRYPTION_KEY);
  } catch {
    return null;
  }
}

/** The time step the code belongs to (±1 step for clock drift), or null. */
export function matchTotp(key: Uint8Array, code: string, now = Date.now()): number | null {
  const current = Math.floor(now / 1000 / PERIOD_SECONDS);
  for (const step of [current, current - 1, current + 1]) {
    if (safeEqual(generateHOTP(key, BigInt(step), DIGITS), code)) return step;
  }
  return null;
}

function newRecoveryCode() {
  const raw = encodeBase32UpperCaseNoPadding(randomBytes(10)).slice(0, 10);
  return `${raw.slice(0, 5)}-${raw.slice(5)}`.toLowerCase();
}

export function normaliseRecoveryCode(code: string) {
  return code.trim().toLowerCase().replace(/\s+/g, "");
}

/** Confirms enrolment with a first valid code; returns the one-time recovery codes to show. */
export async function completeEnrolment(
  user: User,
  key: Uint8Array,
  step: number,
  actor: AuditActor,
): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db().transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        totpKey: encrypt(key, env().ENCRYPTION_KEY),
        totpEnabledAt: new Date(),
        totpLastStep: step,
      })
      .where(eq(users.id, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await tx
      .insert(recoveryCodes)
      .values(codes.map((code) => ({ userId: user.id, codeHash: hashToken(code) })));
    await recordAudit(
      actor,
      { action: "auth.two_factor_enrolled", subjectType: "User", subjectId: user.id },
      tx,
    );
  });
  return codes;
}

export async function regenerateRecoveryCodes(user: User, actor: AuditActor): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db().transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await tx
      .insert(recoveryCodes)
      .values(codes.map((code) => ({ userId: user.id, codeHash: hashToken(code) })));
    await recordAudit(
      actor,
      { action: "auth.recovery_codes_regenerated", subjectType: "User", subjectId: user.id },
      tx,
    );
  });
  return codes;
}

/** Turning two-factor off (or resetting it before re-enrolment) removes the key and the codes. */
export async function resetTwoFactor(user: User, actor: AuditActor) {
  await db().transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpKey: null, totpEnabledAt: null, totpLastStep: null })
      .where(eq(users.id, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await recordAudit(
      actor,
      { action: "auth.two_factor_reset", subjectType: "User", subjectId: user.id },
      tx,
    );
  });
}

export async function unusedRecoveryCodeCount(userId: string) {
  const rows = await db()
    .select({ codeHash: recoveryCodes.codeHash })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return rows.length;
}

/**
 * Checks a sign-in code: a TOTP code (each time step accepted once) or an unused recovery code
 * (used up by this). Returns how it was verified, or null.
 */
export async function verifySecondFactor(
  user: User,
  input: { code: string; method: "totp" | "recovery" },
): Promise<"totp" | "recovery_code" | null> {
  if (!user.totpKey) return null;
  if (input.method === "recovery") {
    const used = await db()
      .update(recoveryCodes)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(recoveryCodes.userId, user.id),
          eq(recoveryCodes.codeHash, hashToken(normaliseRecoveryCode(input.code))),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ codeHash: recoveryCodes.codeHash });
    return used.length > 0 ? "recovery_code" : null;
  }
  const key = decrypt(user.totpKey, env().ENCRYPTION_KEY);
  const step = matchTotp(key, input.code.replace(/\s+/g, ""));
  if (step === null || (user.totpLastStep !== null && step <= user.totpLastStep)) return null;
  await db().update(users).set({ totpLastStep: step }).where(eq(users.id, user.id));
  return "totp";
}
