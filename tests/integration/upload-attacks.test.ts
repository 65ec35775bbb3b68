import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateRawSync, crc32 } from "node:zlib";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { documents, documentVersions } from "#db/schema";
import { createDocuments } from "~/features/documents/document-write.server";
import { storage, uploadTempDir, useStorage } from "~/kernel/storage/storage.server";
import { receiveUpload, UploadRejected } from "~/kernel/files/upload.server";
import { setEnv } from "../support/env";
import { annaInGastraum, sampleImage, samplePdf, uploadRequest } from "../support/sample-files";

let dataDir: string;
let restoreEnv: () => void;
let pdf: Buffer;

beforeAll(async () => {
  // This file's own data folder, so "no file is left" is checked on a storage nobody else uses.
  dataDir = await mkdtemp(path.join(tmpdir(), "ambit-attacks-"));
  restoreEnv = setEnv({ DATA_DIR: dataDir, UPLOAD_MAX_MB: undefined });
  useStorage(undefined);
  pdf = await samplePdf("attack corpus");
});

afterAll(async () => {
  restoreEnv();
  await rm(dataDir, { recursive: true, force: true });
});

async function storedKeys() {
  const keys: string[] = [];
  for await (const object of (await storage()).list()) keys.push(object.key);
  return keys.sort();
}

/** Uploads through receiveUpload + createDocuments as the upload route does. */
async function attempt(files: Array<{ name: string; bytes: Uint8Array; type?: string }>) {
  const { actor, ability, auditActor, project } = await annaInGastraum();
  const keysBefore = await storedKeys();
  const rowsBefore = await db().$count(documents);
  const upload = await receiveUpload(uploadRequest(files));
  let ids: string[] = [];
  try {
    if (upload.files.length) {
      ids = await createDocuments(ability, actor, auditActor, project, upload.files, {
        audience: "internal",
        audienceOrganizationIds: [],
      });
    }
  } finally {
    await upload.cleanup();
  }
  expect(await readdir(await uploadTempDir())).toEqual([]);
  const versions = ids.length
    ? await db().select().from(documentVersions).where(inArray(documentVersions.documentId, ids))
    : [];
  return { upload, ids, versions, keysBefore, rowsBefore };
}

/** The file is refused with this reason, and nothing of it remains. */
async function expectRefused(
  file: { name: string; bytes: Uint8Array; type?: string },
  reason: string,
) {
  const result = await attempt([file]);
  expect(result.upload.refused.map((refused) => refused.reason)).toEqual([reason]);
  expect(result.upload.files).toEqual([]);
  expect(result.ids).toEqual([]);
  expect(await db().$count(documents)).toBe(result.rowsBefore);
  expect(await storedKeys()).toEqual(result.keysBefore);
  return result.upload.refused[0]!;
}

/** The file is kept, under a random key, with this (sanitised) name. */
async function expectKept(file: { name: string; bytes: Uint8Array; type?: string }, name: string) {
  const result = await attempt([file]);
  expect(result.upload.refused).toEqual([]);
  expect(result.ids).toHaveLength(1);
  const [version] = result.versions;
  expect(version!.fileName).toBe(name);
  expect(version!.storageKey).toMatch(/^[0-9a-f-]{36}$/);
  const added = [version!.storageKey, ...(version!.thumbnailKey ? [version!.thumbnailKey] : [])];
  expect(await storedKeys()).toEqual([...result.keysBefore, ...added].sort());
  return version!;
}

/** A ZIP archive written by hand: local headers, central directory, end record. */
function zipOf(entries: Array<{ name: string; data: Buffer; deflate?: boolean }>, comment = "") {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const packed = entry.deflate ? deflateRawSync(entry.data) : entry.data;
    const method = entry.deflate ? 8 : 0;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Buffer.byteLength(comment), 20);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end, Buffer.from(comment)]);
}

const text = (value: string) => Buffer.from(value, "utf8");

describe("disguised active content is refused", () => {
  test("an HTML page renamed .pdf", async () => {
    await expectRefused(
      {
        name: "Rechnung.pdf",
        bytes: text("<!DOCTYPE html><html><script>alert(1)</script></html>"),
      },
      "html",
    );
  });

  test("an SVG with a script, as .svg and renamed .png", async () => {
    const svg = text(
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    await expectRefused({ name: "logo.svg", bytes: svg }, "svg");
    await expectRefused({ name: "logo.png", bytes: svg }, "svg");
  });

  test("a PDF that is also an HTML page", async () => {
    const polyglot = Buffer.concat([
      text("%PDF-1.4\n%\u00e2\u00e3\n"),
      text("<html><body><script>alert(document.cookie)</script></body></html>\n"),
      pdf.subarray(9),
    ]);
    const refused = await expectRefused({ name: "Angebot.pdf", bytes: polyglot }, "polyglot");
    expect(refused.detail).toContain("<script");
  });

  test("a real PDF with a ZIP appended", async () => {
    const zip = zipOf([{ name: "payload.js", data: text("alert(1)") }]);
    const refused = await expectRefused(
      { name: "Plan.pdf", bytes: Buffer.concat([pdf, zip]) },
      "polyglot",
    );
    expect(refused.detail).toBe("ZIP");
  });

  test("a PDF with a ZIP appended whose end record hides behind the longest comment", async () => {
    const zip = zipOf([{ name: "payload.js", data: text("alert(1)") }], "x".repeat(65_535));
    await expectRefused({ name: "Plan.pdf", bytes: Buffer.concat([pdf, zip]) }, "polyglot");
  });

  test("a PNG with a script after its end", async () => {
    const png = Buffer.concat([await sampleImage("png"), text("<script>alert(1)</script>")]);
    await expectRefused({ name: "Foto.png", bytes: png }, "polyglot");
  });

  test("a Windows program renamed .pdf", async () => {
    const exe = Buffer.alloc(512);
    exe.write("MZ", 0, "latin1");
    exe.writeUInt32LE(0x80, 0x3c);
    exe.write("PE\0\0", 0x80, "latin1");
    await expectRefused({ name: "Rechnung.pdf", bytes: exe }, "program");
  });

  test("a text file with NUL bytes, and a shell script named .txt", async () => {
    await expectRefused({ name: "notes.txt", bytes: text("hello\u0000world\u0000") }, "notText");
    await expectRefused({ name: "readme.txt", bytes: text("#!/bin/sh\nrm -rf ~\n") }, "program");
  });
});

describe("archives", () => {
  test("a .zip is refused as an archive", async () => {
    await expectRefused(
      { name: "Fotos.zip", bytes: zipOf([{ name: "a.txt", data: text("a") }]) },
      "archive",
    );
  });

  test("a ZIP bomb renamed .docx is not an office document", async () => {
    const bomb = zipOf([
      { name: "zeros.bin", data: Buffer.alloc(20 * 1024 * 1024), deflate: true },
    ]);
    expect(bomb.length).toBeLessThan(100_000);
    const refused = await expectRefused({ name: "Vertrag.docx", bytes: bomb }, "mismatch");
    expect(refused.detail).toBe("zip");
  });
});

describe("file names", () => {
  test.each([
    ["../../etc/passwd.pdf", "passwd.pdf"],
    ["/abs/x.pdf", "x.pdf"],
    ["C:\\Users\\eva\\Desktop\\Angebot.pdf", "Angebot.pdf"],
  ])("%s is kept only as %s, and the key never contains it", async (raw, name) => {
    const version = await expectKept({ name: raw, bytes: pdf }, name);
    expect(version.storageKey).not.toContain(name.replace(/\.pdf$/, ""));
  });

  test("..\\..\\boot.ini is a bare .ini after sanitising, which is not allowed", async () => {
    const refused = await expectRefused(
      { name: "..\\..\\boot.ini", bytes: text("[boot]") },
      "notAllowed",
    );
    expect(refused.name).toBe("boot.ini");
  });

  test("a right-to-left override cannot disguise a program as a PDF", async () => {
    const refused = await expectRefused({ name: "invoice\u202Efdp.exe", bytes: pdf }, "program");
    expect(refused.name).toBe("invoicefdp.exe");
    await expectKept({ name: "report\u202E.pdf", bytes: pdf }, "report.pdf");
  });

  test("control characters are dropped from names", async () => {
    await expectKept({ name: "Pro\u0001to\u001fkoll\u007f.pdf", bytes: pdf }, "Protokoll.pdf");
  });
});

describe("size", () => {
  test("an empty file is refused", async () => {
    await expectRefused({ name: "leer.pdf", bytes: new Uint8Array(0) }, "empty");
  });

  test("a file over UPLOAD_MAX_MB is refused and its temp file removed", async () => {
    const restore = setEnv({ UPLOAD_MAX_MB: "1" });
    try {
      const big = Buffer.concat([pdf, Buffer.alloc(1.5 * 1024 * 1024, 0x20)]);
      await expectRefused({ name: "Gross.pdf", bytes: big }, "tooLarge");
    } finally {
      restore();
    }
  });

  test("the limit is enforced while streaming: a 5 MB body never puts more than 1 MB on disk", async () => {
    const restore = setEnv({ UPLOAD_MAX_MB: "1" });
    const limit = 1024 * 1024;
    const temp = await uploadTempDir();
    let largest = 0;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        for (const name of await readdir(temp).catch(() => [])) {
          const info = await stat(path.join(temp, name)).catch(() => undefined);
          if (info) largest = Math.max(largest, info.size);
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    try {
      const boundary = "----ambitlarge";
      const head = text(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="Riesig.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      );
      const tail = text(`\r\n--${boundary}--\r\n`);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const total = 5 * 1024 * 1024;
      let pulled = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (pulled === 0) controller.enqueue(Buffer.concat([head, pdf]));
          if (pulled >= total) {
            controller.enqueue(tail);
            controller.close();
            return;
          }
          pulled += chunk.length;
          controller.enqueue(chunk);
          // Give the watcher a chance to see the temp file between chunks.
          if (pulled % (256 * 1024) === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        },
      });
      const upload = await receiveUpload(
        new Request("http://localhost:3000/upload", {
          method: "POST",
          headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
          body,
          duplex: "half",
        } as RequestInit),
      );
      await upload.cleanup();
      expect(pulled).toBe(total);
      expect(upload.files).toEqual([]);
      expect(upload.refused.map((refused) => refused.reason)).toEqual(["tooLarge"]);
      expect(largest).toBeGreaterThan(0);
      expect(largest).toBeLessThanOrEqual(limit);
      expect(await readdir(temp)).toEqual([]);
    } finally {
      watching = false;
      await watcher;
      restore();
    }
  });

  test("a body declared far larger than any form may carry is refused before it is read", async () => {
    const restore = setEnv({ UPLOAD_MAX_MB: "1" });
    try {
      const request = new Request("http://localhost:3000/upload", {
        method: "POST",
        headers: {
          "Content-Type": "multipart/form-data; boundary=x",
          "Content-Length": String(500 * 1024 * 1024),
        },
        body: "--x--",
      });
      await expect(receiveUpload(request)).rejects.toEqual(new UploadRejected("tooLarge"));
    } finally {
      restore();
    }
  });
});

describe("ordinary files pass", () => {
  test("a PDF, PNG, JPEG, GIF, WebP, CSV, text and e-mail are kept with their types", async () => {
    const eml = text(
      "From: Eva Roth <eva@cafe-morgenrot.example>\r\nTo: anna@hansen.example\r\nSubject: Termin\r\nMessage-ID: <attack-test-1@cafe-morgenrot.example>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPasst Dienstag?\r\n",
    );
    const cases: Array<[string, Uint8Array, string]> = [
      ["Plan.pdf", pdf, "application/pdf"],
      ["Foto.png", await sampleImage("png"), "image/png"],
      ["Foto.jpg", await sampleImage("jpeg"), "image/jpeg"],
      ["Foto.gif", await sampleImage("gif"), "image/gif"],
      ["Foto.webp", await sampleImage("webp"), "image/webp"],
      ["Liste.csv", text("Name;Menge\nStuhl;12\n"), "text/csv; charset=utf-8"],
      ["Notiz.txt", text("Grüße aus dem Gastraum\n"), "text/plain; charset=utf-8"],
      ["Termin.eml", eml, "message/rfc822"],
    ];
    for (const [name, bytes, contentType] of cases) {
      const version = await expectKept({ name, bytes }, name);
      expect(version.contentType, name).toBe(contentType);
      expect(version.sizeBytes).toBe(bytes.byteLength);
    }
    const images = await db()
      .select({ thumbnail: documentVersions.thumbnailKey, name: documentVersions.fileName })
      .from(documentVersions)
      .where(eq(documentVersions.fileName, "Foto.png"));
    // The image got a thumbnail: a WebP under a key of its own.
    const thumbnail = await (await storage()).read(images[0]!.thumbnail!);
    const bytes = Buffer.from(await new Response(thumbnail!.body).arrayBuffer());
    expect(bytes.subarray(8, 12).toString("latin1")).toBe("WEBP");
  });
});
