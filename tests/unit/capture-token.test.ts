import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  captureAddress,
  captureToken,
  isCaptureToken,
  slugOf,
  tokenOfCaptureAddress,
} from "~/features/capture/capture-token.server";
import { resetEnvCache } from "~/kernel/env.server";

const PROJECT = "6f1c2b1e-1111-4c4c-8888-000000000001";
const OTHER_PROJECT = "6f1c2b1e-1111-4c4c-8888-000000000002";
const ORG = "0b6c7a3d-2222-4d4d-9999-000000000001";
const OTHER_ORG = "0b6c7a3d-2222-4d4d-9999-000000000002";

const saved = { ...process.env };
beforeEach(() => {
  delete process.env.CAPTURE_KEY;
  process.env.ENCRYPTION_KEY = "1".repeat(64);
  process.env.INBOUND_DOMAIN = "in.example.com";
  resetEnvCache();
});
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

describe("capture tokens", () => {
  test("are ten base32 characters, the same every time for one pair and version", () => {
    const token = captureToken(PROJECT, ORG, 1);
    expect(token).toMatch(/^[a-z2-7]{10}$/);
    expect(captureToken(PROJECT, ORG, 1)).toBe(token);
    expect(isCaptureToken(token, { projectId: PROJECT, organizationId: ORG, keyVersion: 1 })).toBe(
      true,
    );
  });

  test("name exactly one project, one organisation and one key version", () => {
    const token = captureToken(PROJECT, ORG, 1);
    const others = [
      captureToken(OTHER_PROJECT, ORG, 1),
      captureToken(PROJECT, OTHER_ORG, 1),
      captureToken(PROJECT, ORG, 2),
    ];
    for (const other of others) expect(other).not.toBe(token);
    // A token moved to another project, or kept after a rotation, is not that pair's token.
    expect(
      isCaptureToken(token, { projectId: OTHER_PROJECT, organizationId: ORG, keyVersion: 1 }),
    ).toBe(false);
    expect(isCaptureToken(token, { projectId: PROJECT, organizationId: ORG, keyVersion: 2 })).toBe(
      false,
    );
  });

  test("change with the key: CAPTURE_KEY when set, else one derived from ENCRYPTION_KEY", () => {
    const derived = captureToken(PROJECT, ORG, 1);
    process.env.ENCRYPTION_KEY = "2".repeat(64);
    resetEnvCache();
    const otherDerived = captureToken(PROJECT, ORG, 1);
    expect(otherDerived).not.toBe(derived);
    process.env.CAPTURE_KEY = "3".repeat(64);
    resetEnvCache();
    const own = captureToken(PROJECT, ORG, 1);
    expect(own).not.toBe(otherDerived);
    // The own key alone decides: the encryption key no longer matters.
    process.env.ENCRYPTION_KEY = "1".repeat(64);
    resetEnvCache();
    expect(captureToken(PROJECT, ORG, 1)).toBe(own);
  });
});

describe("capture addresses", () => {
  test("read as project and organisation, then the token, on the inbound domain", () => {
    const token = captureToken(PROJECT, ORG, 1);
    const address = captureAddress({ label: "gastraum.studio-lumen", token });
    expect(address).toBe(`gastraum.studio-lumen.${token}@in.example.com`);
    expect(tokenOfCaptureAddress(address)).toBe(token);
    expect(tokenOfCaptureAddress(address.toUpperCase())).toBe(token);
    // Only the token counts: the words are for people.
    expect(tokenOfCaptureAddress(`anything.${token}@in.example.com`)).toBe(token);
  });

  test("on another domain, or without a well-formed token, are no capture addresses", () => {
    const token = captureToken(PROJECT, ORG, 1);
    expect(tokenOfCaptureAddress(`gastraum.studio-lumen.${token}@example.com`)).toBeNull();
    expect(tokenOfCaptureAddress("gastraum.studio-lumen.short@in.example.com")).toBeNull();
    expect(tokenOfCaptureAddress("gastraum.studio-lumen.0000000000@in.example.com")).toBeNull();
    expect(tokenOfCaptureAddress("not an address")).toBeNull();
  });

  test("spell names in plain lower-case words, umlauts written out", () => {
    expect(slugOf("Morgenrot – Umbau Gastraum")).toBe("morgenrot-umbau-gastraum");
    expect(slugOf("Studio Lumen")).toBe("studio-lumen");
    expect(slugOf("Café Müller & Söhne GmbH")).toBe("cafe-mueller-soehne-gmbh");
    expect(slugOf("Straßenbau Weiß")).toBe("strassenbau-weiss");
    expect(slugOf("Eine sehr lange Projektbezeichnung mit vielen Wörtern")).toHaveLength(24);
    expect(slugOf("Eine sehr lange Projektbezeichnung")).not.toMatch(/-$/);
    expect(slugOf("–––")).toBe("x");
  });
});
