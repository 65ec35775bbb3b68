import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { auditEvents, captureAddresses, organizations, projects } from "#db/schema";
import {
  captureAddressFor,
  captureTargetOf,
  rotateCaptureAddress,
} from "~/features/capture/capture-address.server";
import { tokenOfCaptureAddress } from "~/features/capture/capture-token.server";

let gastraum = "";
let empfang = "";
let lumen = "";
let meyer = "";

beforeAll(async () => {
  const id = async (table: typeof projects | typeof organizations, name: string) => {
    const [row] = await db().select({ id: table.id }).from(table).where(eq(table.name, name));
    if (!row) throw new Error(`demo ${name} is missing`);
    return row.id;
  };
  gastraum = await id(projects, "Morgenrot – Umbau Gastraum");
  empfang = await id(projects, "Brandt – Empfang");
  lumen = await id(organizations, "Studio Lumen");
  meyer = await id(organizations, "Holzwerk Meyer KG");
});

describe("capture addresses", () => {
  test("read as the project and the organisation, and stay the same once made", async () => {
    const first = await captureAddressFor(gastraum, lumen);
    expect(first.address).toMatch(
      /^morgenrot-umbau-gastraum\.studio-lumen\.[a-z2-7]{10}@in\.ambit\.localhost$/,
    );
    const again = await captureAddressFor(gastraum, lumen);
    expect(again.address).toBe(first.address);
    // Renaming the project leaves the address anyone saved as it was.
    await db().update(projects).set({ name: "Gastraum neu" }).where(eq(projects.id, gastraum));
    expect((await captureAddressFor(gastraum, lumen)).address).toBe(first.address);
  });

  test("capture for their own pair only: each organisation and project has its own", async () => {
    const lumenHere = await captureAddressFor(gastraum, lumen);
    const meyerHere = await captureAddressFor(gastraum, meyer);
    const lumenThere = await captureAddressFor(empfang, lumen);
    expect(new Set([lumenHere.token, meyerHere.token, lumenThere.token]).size).toBe(3);
    expect(await captureTargetOf(tokenOfCaptureAddress(lumenHere.address)!)).toEqual({
      projectId: gastraum,
      organizationId: lumen,
    });
    expect(await captureTargetOf(meyerHere.token)).toEqual({
      projectId: gastraum,
      organizationId: meyer,
    });
    expect(await captureTargetOf("aaaaaaaaaa")).toBeNull();
  });

  test("a token moved onto another pair's row by hand captures nothing", async () => {
    const lumenHere = await captureAddressFor(gastraum, lumen);
    const lumenThere = await captureAddressFor(empfang, lumen);
    await db()
      .update(captureAddresses)
      .set({ token: "moved" })
      .where(
        and(eq(captureAddresses.projectId, gastraum), eq(captureAddresses.organizationId, lumen)),
      );
    await db()
      .update(captureAddresses)
      .set({ token: lumenHere.token })
      .where(
        and(eq(captureAddresses.projectId, empfang), eq(captureAddresses.organizationId, lumen)),
      );
    expect(await captureTargetOf(lumenHere.token)).toBeNull();
    expect(lumenThere.token).not.toBe(lumenHere.token);
  });

  test("rotating gives a new address, the old one captures nothing, and it is audited", async () => {
    const before = await captureAddressFor(gastraum, meyer);
    const [ida] = await db()
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.kind, "host"));
    const actor = { userId: null, organizationId: ida!.id };
    const rotated = (await rotateCaptureAddress(gastraum, meyer, actor, before.address))!;
    expect(rotated.keyVersion).toBe(before.keyVersion + 1);
    expect(rotated.address).not.toBe(before.address);
    expect(rotated.address.split(".").slice(0, 2)).toEqual(before.address.split(".").slice(0, 2));
    expect(await captureTargetOf(before.token)).toBeNull();
    expect(await captureTargetOf(rotated.token)).toEqual({
      projectId: gastraum,
      organizationId: meyer,
    });
    expect((await captureAddressFor(gastraum, meyer)).address).toBe(rotated.address);
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "capture_address.rotated"));
    expect(event).toMatchObject({ projectId: gastraum, subjectId: meyer });
    expect(event!.details).toEqual({ from: 1, to: 2 });
    // A second click on the page that showed the old address replaces nothing more.
    expect(await rotateCaptureAddress(gastraum, meyer, actor, before.address)).toBeNull();
    expect((await captureAddressFor(gastraum, meyer)).keyVersion).toBe(2);
    expect(
      await db()
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, "capture_address.rotated")),
    ).toHaveLength(1);
  });
});
