import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import type { Audience } from "../schema";

/** The three documents of shared/DEMO_WORLD.md, each a small real one-page PDF. */
export type DemoDocument = {
  project: string;
  title: string;
  fileName: string;
  audience: Audience;
  custom?: string[];
  uploader: string;
  daysAgo: number;
  lines: string[];
};

export const demoDocuments: DemoDocument[] = [
  {
    project: "gastraum",
    title: "Grundriss Gastraum v2 (PDF) HERON",
    fileName: "Grundriss-Gastraum-v2.pdf",
    audience: "all_members",
    uploader: "anna@hansen.example",
    daysAgo: 5,
    lines: [
      "Café Morgenrot – Umbau Gastraum",
      "Grundriss, zweite Fassung: 42 Sitzplätze, Theke an der Nordwand,",
      "barrierefreier Zugang über die Hofseite. Maßstab 1:50.",
    ],
  },
  {
    project: "gastraum",
    title: "Preisliste Holzwerk 2026 (PDF) FALCON",
    fileName: "Preisliste-Holzwerk-2026.pdf",
    audience: "custom",
    custom: ["meyer"],
    uploader: "anna@hansen.example",
    daysAgo: 4,
    lines: [
      "Holzwerk Meyer – Preisliste 2026 (vertraulich)",
      "Eiche massiv, geölt: 96 €/lfm · Nussbaum: 128 €/lfm",
      "Montage je Stunde: 68 € · Lieferung Hamburg: pauschal 120 €",
    ],
  },
  {
    project: "empfang",
    title: "Vertrag Brandt (PDF) IBIS",
    fileName: "Vertrag-Brandt.pdf",
    audience: "customer",
    uploader: "tom@hansen.example",
    daysAgo: 6,
    lines: [
      "Werkvertrag Kanzlei Brandt – Neugestaltung Empfang",
      "Leistungen: Entwurf, Ausführungsplanung, Bauleitung.",
      "Vergütung nach Anlage 1; Abnahme nach Fertigstellung.",
    ],
  },
];

// Fixed dates make the same bytes on every run, so the demo's SHA-256 values never change.
const PRODUCED = new Date("2026-01-05T09:00:00Z");

/** A one-page A4 PDF with a title and a few lines. */
export async function demoPdf(title: string, lines: string[]) {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setAuthor("Hansen Raumkonzept GmbH");
  pdf.setProducer("Ambit demo world");
  pdf.setCreator("Ambit demo world");
  pdf.setCreationDate(PRODUCED);
  pdf.setModificationDate(PRODUCED);
  const page = pdf.addPage([595.28, 841.89]);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawRectangle({ x: 0, y: 781, width: 595.28, height: 61, color: rgb(0.15, 0.25, 0.45) });
  page.drawText("Hansen Raumkonzept", { x: 50, y: 805, size: 16, font: bold, color: rgb(1, 1, 1) });
  page.drawText(title, { x: 50, y: 730, size: 18, font: bold });
  lines.forEach((line, index) => {
    page.drawText(line, { x: 50, y: 690 - index * 22, size: 12, font: regular });
  });
  page.drawRectangle({
    x: 50,
    y: 300,
    width: 495,
    height: 300,
    borderColor: rgb(0.4, 0.4, 0.4),
    borderWidth: 1.5,
  });
  return pdf.save({ useObjectStreams: false });
}

/** Writes a demo PDF to a temporary file for storage; `dispose` removes it. */
export async function demoPdfFile(document: DemoDocument) {
  const bytes = await demoPdf(document.title, document.lines);
  const dir = await mkdtemp(path.join(tmpdir(), "ambit-seed-"));
  const file = path.join(dir, document.fileName);
  await writeFile(file, bytes);
  return {
    path: file,
    size: bytes.byteLength,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
