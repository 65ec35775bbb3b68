import { createHash, randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { documentVersions } from "#db/schema";
import { createDocuments } from "~/features/documents/document-write.server";
import { loader as fileLoader } from "~/routes/documents.$documentId.$access";
import { uploadThingStorage } from "~/kernel/storage/uploadthing.server";
import { useStorage, type FileStorage } from "~/kernel/storage/storage.server";
import { receiveUpload } from "~/kernel/files/upload.server";
import { EnvError, parseEnv } from "~/kernel/env.server";
import { fakeUploadThingToken, startFakeUploadThing } from "../support/fake-uploadthing";
import { demoSessions, routeArgs } from "../support/http-as";
import { annaInGastraum, samplePdf, uploadRequest } from "../support/sample-files";

let fake: Awaited<ReturnType<typeof startFakeUploadThing>>;
let storage: FileStorage;
let dir: string;
let pdf: Buffer;

beforeAll(async () => {
  fake = await startFakeUploadThing();
  storage = uploadThingStorage(fake.options, fake.overrides);
  dir = await mkdtemp(path.join(tmpdir(), "ambit-ut-"));
  pdf = await samplePdf("UploadThing round trip");
});

afterAll(async () => {
  useStorage(undefined);
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

async function put(bytes: Buffer) {
  const key = randomUUID();
  const file = path.join(dir, `${key}.pdf`);
  await writeFile(file, bytes);
  await storage.put(key, {
    path: file,
    size: bytes.byteLength,
    contentType: "application/pdf",
    name: "Angebot.pdf",
  });
  return key;
}

const bytesOf = async (body: ReadableStream<Uint8Array>) =>
  Buffer.from(await new Response(body).arrayBuffer());

describe("UploadThing storage through the real SDK against a local fake", () => {
  test("a PDF is stored privately under our key and read back byte for byte", async () => {
    const key = await put(pdf);
    const stored = [...fake.files.values()].find((file) => file.customId === key)!;
    expect(stored).toMatchObject({ acl: "private", type: "application/pdf" });
    // The user's file name never reaches UploadThing.
    expect(stored.name).toBe(key);
    expect(stored.bytes.equals(pdf)).toBe(true);
    expect(fake.requests.some((request) => request.method === "PUT")).toBe(true);

    const read = await storage.read(key);
    expect(read?.size).toBe(pdf.byteLength);
    expect((await bytesOf(read!.body)).equals(pdf)).toBe(true);
    // Read through a signed URL by custom id, not a public one.
    expect(fake.requests.at(-1)).toMatchObject({
      method: "GET",
      path: expect.stringContaining(key),
    });
  });

  test("list shows stored files with size and time; remove removes them", async () => {
    const key = await put(pdf);
    const listed = [];
    for await (const object of storage.list()) listed.push(object);
    const mine = listed.find((object) => object.key === key);
    expect(mine?.size).toBe(pdf.byteLength);
    expect(Math.abs(mine!.modifiedAt.getTime() - Date.now())).toBeLessThan(60_000);

    await storage.remove([key]);
    expect(fake.requests.at(-1)).toMatchObject({
      path: "/v6/deleteFiles",
      body: { customIds: [key] },
    });
    expect(await storage.read(key)).toBeUndefined();
    const after = [];
    for await (const object of storage.list()) after.push(object.key);
    expect(after).not.toContain(key);
  });

  test("list pages through more files than one answer holds", async () => {
    const keys = [];
    for (let index = 0; index < 3; index += 1)
      keys.push(await put(Buffer.from(`%PDF-1.4 ${index}`)));
    const before = fake.requests.length;
    const small = uploadThingStorage(fake.options, { ...fake.overrides, pageSize: 2 });
    const listed = [];
    for await (const object of small.list()) listed.push(object.key);
    expect(listed).toEqual(expect.arrayContaining(keys));
    expect(new Set(listed).size).toBe(listed.length);
    const calls = fake.requests.slice(before);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.every((request) => request.path === "/v6/listFiles")).toBe(true);
  });

  test("a key with nothing stored reads as undefined", async () => {
    expect(await storage.read(randomUUID())).toBeUndefined();
  });

  test("a wrong API key fails loudly instead of storing nothing", async () => {
    const wrong = uploadThingStorage(
      { ...fake.options, UPLOADTHING_TOKEN: fakeUploadThingToken("sk_live_wrong") },
      fake.overrides,
    );
    const file = path.join(dir, "wrong.pdf");
    await writeFile(file, pdf);
    const count = fake.files.size;
    await expect(
      wrong.put(randomUUID(), {
        path: file,
        size: pdf.byteLength,
        contentType: "application/pdf",
        name: "x.pdf",
      }),
    ).rejects.toThrow(/UploadThing refused the upload/);
    expect(fake.files.size).toBe(count);
    await expect(wrong.list()[Symbol.asyncIterator]().next()).rejects.toThrow();
  });
});

describe("an upload served from UploadThing, end to end", () => {
  test("createDocuments stores the file there and the download route streams it back", async () => {
    useStorage(storage);
    const { actor, ability, auditActor, project } = await annaInGastraum();
    const upload = await receiveUpload(
      uploadRequest([{ name: "Angebot UT.pdf", bytes: pdf, type: "application/pdf" }]),
    );
    let documentId: string;
    try {
      expect(upload.refused).toEqual([]);
      [documentId] = (await createDocuments(ability, actor, auditActor, project, upload.files, {
        audience: "all_members",
        audienceOrganizationIds: [],
      })) as [string];
    } finally {
      await upload.cleanup();
    }
    const [version] = await db()
      .select()
      .from(documentVersions)
      .where(eq(documentVersions.documentId, documentId));
    expect([...fake.files.values()].some((file) => file.customId === version!.storageKey)).toBe(
      true,
    );

    const sessions = await demoSessions(["anna"]);
    const response = await fileLoader(
      routeArgs(sessions.get("anna"), `/documents/${documentId}/download`, {
        documentId,
        access: "download",
      }),
    );
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(version!.sha256);
    expect(bytes.equals(pdf)).toBe(true);
    useStorage(undefined);
  });
});

describe("the UPLOADTHING_TOKEN setting", () => {
  const messageOf = (token: string) => {
    try {
      parseEnv({ UPLOADTHING_TOKEN: token });
    } catch (error) {
      if (error instanceof EnvError) return error.message;
      throw error;
    }
    return "accepted";
  };

  test("a token in UploadThing's format is accepted", () => {
    expect(messageOf(fakeUploadThingToken())).toBe("accepted");
  });

  test.each([
    ["not base64 JSON", "hello-world"],
    ["an apiKey without sk_", fakeUploadThingToken("pk_live_123")],
    [
      "no regions",
      Buffer.from(JSON.stringify({ apiKey: "sk_live_1", appId: "a", regions: [] })).toString(
        "base64",
      ),
    ],
  ])("%s stops the start naming UPLOADTHING_TOKEN", (_label, token) => {
    expect(messageOf(token)).toMatch(
      /UPLOADTHING_TOKEN: must be the token from the UploadThing dashboard/,
    );
  });
});
