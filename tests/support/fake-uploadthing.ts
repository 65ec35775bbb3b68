import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

/** A file the fake holds, as UploadThing would. */
export type FakeFile = {
  fileKey: string;
  customId: string | null;
  name: string;
  type: string;
  acl: string | null;
  bytes: Buffer;
  uploadedAt: number;
};

export type FakeRequest = { method: string; path: string; body?: unknown };

const API_KEY = "sk_test_ambit_fake_0123456789";
const APP_ID = "ambitfakeapp";

/** A token in UploadThing's format (base64 JSON) for the fake's key and app. */
export const fakeUploadThingToken = (apiKey = API_KEY) =>
  Buffer.from(JSON.stringify({ apiKey, appId: APP_ID, regions: ["fra1"] })).toString("base64");

const sign = (url: string) =>
  `hmac-sha256=${createHmac("sha256", API_KEY).update(url).digest("hex")}`;

/** Is the URL signed with the fake's key and not expired (UploadThing's scheme)? */
function validSignature(url: URL) {
  const signature = url.searchParams.get("signature");
  const expires = Number(url.searchParams.get("expires"));
  const unsigned = new URL(url);
  unsigned.searchParams.delete("signature");
  return signature === sign(unsigned.href) && expires > Date.now();
}

async function bodyOf(request: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Just the UploadThing endpoints the server SDK calls: the ingest PUT, listFiles, deleteFiles,
 * and the file host's GET of a signed URL (`/a/<appId>/<key or customId>`, ufsAppIdLocation
 * "path"). Every request is recorded; files are kept in memory.
 */
export async function startFakeUploadThing() {
  const files = new Map<string, FakeFile>();
  const requests: FakeRequest[] = [];
  const byCustomId = (id: string) => [...files.values()].find((file) => file.customId === id);

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", `http://${request.headers.host}`);
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(value));
    };
    void (async () => {
      if (request.method === "PUT") {
        requests.push({ method: "PUT", path: url.pathname });
        if (!validSignature(url)) return json(403, { error: "bad signature" });
        const web = new Request(url, {
          method: "PUT",
          headers: request.headers as Record<string, string>,
          body: Readable.toWeb(request) as ReadableStream,
          duplex: "half",
        } as RequestInit);
        const file = (await web.formData()).get("file");
        if (!(file instanceof Blob)) return json(400, { error: "no file" });
        // The SDK encodes each value once more before the URL encodes it again.
        const param = (name: string) => {
          const value = url.searchParams.get(name);
          return value === null ? null : decodeURIComponent(value);
        };
        const fileKey = url.pathname.slice(1);
        files.set(fileKey, {
          fileKey,
          customId: param("x-ut-custom-id"),
          name: param("x-ut-file-name") ?? "",
          type: param("x-ut-file-type") ?? "",
          acl: param("x-ut-acl"),
          bytes: Buffer.from(await file.arrayBuffer()),
          uploadedAt: Date.now(),
        });
        const fileUrl = `${fakeBase()}/a/${APP_ID}/${fileKey}`;
        return json(200, { url: fileUrl, appUrl: fileUrl, ufsUrl: fileUrl, fileHash: "fake" });
      }
      if (request.method === "POST" && url.pathname.startsWith("/v6/")) {
        const body = JSON.parse((await bodyOf(request)).toString("utf8") || "{}") as Record<
          string,
          unknown
        >;
        requests.push({ method: "POST", path: url.pathname, body });
        if (request.headers["x-uploadthing-api-key"] !== API_KEY)
          return json(401, { error: "bad key" });
        if (url.pathname === "/v6/listFiles") {
          const all = [...files.values()];
          const offset = Number(body.offset ?? 0);
          const limit = Number(body.limit ?? 500);
          const page = all.slice(offset, offset + limit).map((file) => ({
            id: file.fileKey,
            key: file.fileKey,
            customId: file.customId,
            name: file.name,
            size: file.bytes.byteLength,
            status: "Uploaded",
            uploadedAt: file.uploadedAt,
          }));
          return json(200, { hasMore: offset + limit < all.length, files: page });
        }
        if (url.pathname === "/v6/deleteFiles") {
          let deletedCount = 0;
          for (const id of (body.customIds as string[] | undefined) ?? []) {
            const file = byCustomId(id);
            if (file && files.delete(file.fileKey)) deletedCount += 1;
          }
          for (const key of (body.fileKeys as string[] | undefined) ?? []) {
            if (files.delete(key)) deletedCount += 1;
          }
          return json(200, { success: true, deletedCount });
        }
        return json(404, { error: "unknown endpoint" });
      }
      if (request.method === "GET" && url.pathname.startsWith(`/a/${APP_ID}/`)) {
        requests.push({ method: "GET", path: url.pathname });
        if (!validSignature(url)) return json(403, { error: "bad signature" });
        const id = decodeURIComponent(url.pathname.slice(`/a/${APP_ID}/`.length));
        const file = files.get(id) ?? byCustomId(id);
        if (!file) return json(404, { error: "not found" });
        response.writeHead(200, {
          "content-type": file.type || "application/octet-stream",
          "content-length": String(file.bytes.byteLength),
        });
        return response.end(file.bytes);
      }
      return json(404, { error: "unknown" });
    })().catch((error: unknown) => json(500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const port = (server.address() as AddressInfo).port;
  const fakeBase = () => `http://localhost:${port}`;
  return {
    files,
    requests,
    url: fakeBase(),
    /** UTApi options that send every call here. */
    options: {
      UPLOADTHING_TOKEN: fakeUploadThingToken(),
      UPLOADTHING_API_URL: fakeBase(),
      UPLOADTHING_INGEST_URL: fakeBase(),
    },
    overrides: { ufsHost: `localhost:${port}`, ufsAppIdLocation: "path" as const },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
