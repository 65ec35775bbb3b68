import { eq } from "drizzle-orm";
import { PDFDocument, StandardFonts } from "pdf-lib";
import sharp from "sharp";
import { db } from "#db/client.server";
import { projects } from "#db/schema";
import { defineAbilityFor } from "#policies/ability";
import { projectForPolicy } from "~/features/sharing/audience.server";
import { demoEmails } from "./demo-people";
import { multipartForm } from "./http-as";
import { actorByEmail } from "./world";

/** A small real one-page PDF. */
export async function samplePdf(text = "Ambit test document") {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([300, 200]);
  page.drawText(text, {
    x: 20,
    y: 100,
    size: 12,
    font: await pdf.embedFont(StandardFonts.Helvetica),
  });
  return Buffer.from(await pdf.save());
}

/** A small real image in the given format. */
export function sampleImage(format: "png" | "jpeg" | "gif" | "webp") {
  return sharp({ create: { width: 16, height: 12, channels: 3, background: "#c0ffee" } })
    .toFormat(format)
    .toBuffer();
}

/** Anna (account manager, owner of Morgenrot – Umbau Gastraum) about to upload there. */
export async function annaInGastraum() {
  const actor = await actorByEmail(db(), demoEmails.anna);
  const [row] = await db()
    .select({ id: projects.id })
    .from(projects)
    .where(eq(projects.name, "Morgenrot – Umbau Gastraum"));
  const project = (await projectForPolicy(row!.id))!;
  return {
    actor,
    ability: defineAbilityFor(actor),
    auditActor: { userId: actor.id, organizationId: actor.organizationId, ip: "198.51.100.7" },
    project,
  };
}

/** A multipart upload request as a browser's form would send it. */
export function uploadRequest(files: Array<{ name: string; bytes: Uint8Array; type?: string }>) {
  return new Request("http://localhost:3000/projects/x/documents/upload", {
    method: "POST",
    body: multipartForm({ audience: "all_members" }, files),
  });
}
