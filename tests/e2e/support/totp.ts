// What an authenticator app does with the key shown for manual entry.
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateTOTP } from "@oslojs/otp";

const PERIOD_SECONDS = 30;

/** The key from its manual-entry form ("ABCD EFGH …"). */
export function keyFromManualEntry(manualKey: string) {
  return decodeBase32IgnorePadding(manualKey.replace(/\s+/g, ""));
}

/** The current code (RFC 6238, 30 s, 6 digits) and the time step it belongs to. */
export function totpNow(key: Uint8Array) {
  const stepNow = () => Math.floor(Date.now() / 1000 / PERIOD_SECONDS);
  for (;;) {
    const step = stepNow();
    const code = generateTOTP(key, PERIOD_SECONDS, 6);
    // Taken again if a step boundary passed in between, so `step` is surely the code's step.
    if (stepNow() === step) return { step, code };
  }
}

/** Waits until the clock is past time step `step` (a used code's step is refused for replay). */
export async function waitForStepAfter(step: number) {
  const wait = (step + 1) * PERIOD_SECONDS * 1000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 250));
}
