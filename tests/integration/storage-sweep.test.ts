import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { databaseKind, db, type DatabaseHandle } from "#db/client.server";
import { documents, documentVersions } from "#db/schema";
import { createDocuments } from "~/features/documents/document-write.server";
import { STORAGE_SWEEP, startJobs, stopJobs } from "~/kernel/jobs/jobs.server";
import { sweepStorage } from "~/kernel/storage/sweep.server";
import {
  localStorage,
  uploadTempDir,
  useStorage,
  type FileStorage,
} from "~/kernel/storage/storage.server";
import { receiveUpload } from "~/kernel/files/upload.server";
import { setEnv } from "../support/env";
import { annaInGastraum, samplePdf, uploadRequest } from "../support/sample-files";

let dataDir: string;
let root: string;
let store: FileStorage;
let restoreEnv: () => void;
let pdf: Buffer;
const HOUR = 3_600_000;

beforeAll(async () => {
  // A data folder of this file's own: the sweep deletes files, never those of the shared one.
  dataDir = await mkdtemp(path.join(tmpdir(), "ambit-sweep-"));
  restoreEnv = setEnv({ DATA_DIR: dataDir });
  root = path.join(dataDir, "files");
  store = localStorage(root);
  useStorage(store);
  pdf = await samplePdf("sweep");
});

afterAll(async () => {
  useStorage(undefined);
  restoreEnv();
  await rm(dataDir, { recursive: true, force: true });
});

const fileOf = (key: string) => path.join(root, key.slice(0, 2), key);
const age = async (file: string, ms: number) => {
  const then = new Date(Date.now() - ms);
  await utimes(file, then, then);
};
const stored = async () => {
  const keys: string[] = [];
  for await (const object of store.list()) keys.push(object.key);
  return keys.sort();
};

async function putOrphan(bytes: Buffer = pdf) {
  const key = randomUUID();
  const source = path.join(dataDir, `${key}.src`);
  await writeFile(source, bytes);
  await store.put(key, {
    path: source,
    size: bytes.byteLength,
    contentType: "application/pdf",
    name: "x.pdf",
  });
  await rm(source);
  return key;
}

async function uploadDocument() {
  const { actor, ability, auditActor, project } = await annaInGastraum();
  const upload = await receiveUpload(uploadRequest([{ name: "Swept.pdf", bytes: pdf }]));
  try {
    const [id] = await createDocuments(ability, actor, auditActor, project, upload.files, {
      audience: "internal",
      audienceOrganizationIds: [],
    });
    const [version] = await db()
      .select()
      .from(documentVersions)
      .where(eq(documentVersions.documentId, id!));
    return version!.storageKey;
  } finally {
    await upload.cleanup();
  }
}

describe("the storage sweep", () => {
  test("keeps referenced files, removes old orphans, .partial copies and temp files; twice is harmless", async () => {
    const referenced = await uploadDocument();
    const orphan = await putOrphan();
    const youngOrphan = await putOrphan();
    await age(fileOf(referenced), 5 * HOUR);
    await age(fileOf(orphan), 2 * HOUR);
    await age(fileOf(youngOrphan), 30 * 60_000);

    const partialKey = randomUUID();
    await mkdir(path.dirname(fileOf(partialKey)), { recursive: true });
    await writeFile(`${fileOf(partialKey)}.partial`, "half a file");
    await age(`${fileOf(partialKey)}.partial`, 2 * HOUR);
    const freshPartial = randomUUID();
    await mkdir(path.dirname(fileOf(freshPartial)), { recursive: true });
    await writeFile(`${fileOf(freshPartial)}.partial`, "being copied right now");

    const temp = await uploadTempDir();
    expect(temp.startsWith(dataDir)).toBe(true);
    await writeFile(path.join(temp, "stale.upload"), "abandoned");
    await age(path.join(temp, "stale.upload"), 2 * HOUR);
    await writeFile(path.join(temp, "live.upload"), "in flight");

    const first = await sweepStorage({ storage: store });
    expect(first).toMatchObject({ orphans: 1, partials: 1, tempFiles: 1, foreign: 0 });
    const left = await stored();
    expect(left).toContain(referenced);
    expect(left).toContain(youngOrphan);
    expect(left).toContain(`${freshPartial}.partial`);
    expect(left).not.toContain(orphan);
    expect(left).not.toContain(`${partialKey}.partial`);
    expect(await readdir(temp)).toEqual(["live.upload"]);

    const second = await sweepStorage({ storage: store });
    expect(second).toMatchObject({ orphans: 0, partials: 0, tempFiles: 0 });
    expect(await stored()).toEqual(left);

    // The young orphan goes once it is past the grace period.
    const later = await sweepStorage({ storage: store, now: new Date(Date.now() + HOUR) });
    expect(later.orphans).toBe(1);
    expect(await stored()).not.toContain(youngOrphan);
    expect(await stored()).toContain(referenced);
  });

  test("a thumbnail key counts as referenced", async () => {
    const thumbnail = await putOrphan(Buffer.from("RIFF....WEBP"));
    await age(fileOf(thumbnail), 2 * HOUR);
    const [version] = await db().select().from(documentVersions).limit(1);
    await db()
      .update(documentVersions)
      .set({ thumbnailKey: thumbnail })
      .where(eq(documentVersions.id, version!.id));
    const result = await sweepStorage({ storage: store });
    expect(result.orphans).toBe(0);
    expect(await stored()).toContain(thumbnail);
  });
});

describe("an upload that fails midway leaves no row and no file", () => {
  test("a request body that breaks off halfway: receiveUpload throws, no temp file remains", async () => {
    const temp = await uploadTempDir();
    const before = await readdir(temp);
    const boundary = "----ambitbroken";
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="Broken.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        if (pulls === 1) controller.enqueue(head);
        else if (pulls < 6) controller.enqueue(pdf.subarray(0, 200));
        else controller.error(new Error("connection reset"));
      },
    });
    const request = new Request("http://localhost:3000/upload", {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: "half",
    } as RequestInit);
    const rowsBefore = await db().$count(documents);
    await expect(receiveUpload(request)).rejects.toThrow();
    expect(pulls).toBeGreaterThanOrEqual(6);
    expect(await readdir(temp)).toEqual(before);
    expect(await db().$count(documents)).toBe(rowsBefore);
  });

  test("a failed row write removes the file it had just stored", async () => {
    const { actor, ability, auditActor, project } = await annaInGastraum();
    const before = await stored();
    const rowsBefore = await db().$count(documents);
    const upload = await receiveUpload(uploadRequest([{ name: "Orphaned.pdf", bytes: pdf }]));
    try {
      // A project that does not exist: the insert violates the foreign key after the file is stored.
      const ghost = { ...project, id: randomUUID() };
      await expect(
        createDocuments(ability, actor, auditActor, ghost, upload.files, {
          audience: "internal",
          audienceOrganizationIds: [],
        }),
      ).rejects.toThrow();
    } finally {
      await upload.cleanup();
    }
    expect(await stored()).toEqual(before);
    expect(await db().$count(documents)).toBe(rowsBefore);
    expect(await readdir(await uploadTempDir())).toEqual([]);
  });
});

describe("scheduling", () => {
  test("pg-boss runs on this database, schedules the sweep hourly and runs it as a job", async () => {
    const handle = { kind: databaseKind()!, db: db() } as DatabaseHandle;
    const boss = await startJobs(handle);
    try {
      const schedules = await boss.getSchedules(STORAGE_SWEEP);
      expect(schedules.map((schedule) => schedule.cron)).toEqual(["7 * * * *"]);
      const orphan = await putOrphan();
      await age(fileOf(orphan), 2 * HOUR);
      const id = await boss.send(STORAGE_SWEEP, {});
      const deadline = Date.now() + 20_000;
      let state: string | undefined;
      while (Date.now() < deadline) {
        state = (await boss.getJobById(STORAGE_SWEEP, id!))?.state;
        if (state === "completed" || state === "failed") break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(state).toBe("completed");
      expect(await stored()).not.toContain(orphan);
    } finally {
      await stopJobs();
    }
  }, 30_000);
});
