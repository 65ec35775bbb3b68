import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  boundaryOf,
  MalformedMultipart,
  parseContentDisposition,
  streamMultipart,
} from "~/kernel/files/multipart.server";

/** The bytes of a body, delivered in chunks cut at the given positions. */
function streamOf(bytes: Uint8Array, cuts: number[] = []) {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    if (point > from) chunks.push(bytes.slice(from, point));
    from = Math.max(from, point);
  }
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks.shift();
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
}

/** What the browser's FormData sends: the body's bytes and its boundary. */
async function encoded(form: FormData) {
  const response = new Response(form);
  const boundary = boundaryOf(response.headers.get("content-type")!)!;
  return { bytes: new Uint8Array(await response.arrayBuffer()), boundary };
}

async function partsOf(stream: ReadableStream<Uint8Array>, boundary: string) {
  const parts: { name: string; filename?: string; text: string; size: number }[] = [];
  for await (const part of streamMultipart(stream, boundary)) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of part.data) chunks.push(chunk);
    const data = Buffer.concat(chunks);
    parts.push({
      name: part.name,
      filename: part.filename,
      text: data.toString("utf8"),
      size: data.length,
    });
  }
  return parts;
}

describe("Content-Disposition of a form part", () => {
  test.each([
    ['form-data; name="files"; filename="Angebot v=2.pdf"', "Angebot v=2.pdf"],
    ['form-data; name="files"; filename="Kunde; Entwurf.pdf"', "Kunde; Entwurf.pdf"],
    ['form-data; name="eml"; filename="Re=Angebot.eml"', "Re=Angebot.eml"],
    ['form-data; name="files"; filename="<svg onload=alert(1)>.pdf"', "<svg onload=alert(1)>.pdf"],
    [
      `form-data; name="files"; filename="'><img src=x onerror=alert(1)>.pdf"`,
      "'><img src=x onerror=alert(1)>.pdf",
    ],
    // Browsers escape a quote and line breaks as %22, %0D and %0A; nothing else.
    ['form-data; name="files"; filename="Angebot %22final%22.pdf"', 'Angebot "final".pdf'],
    ['form-data; name="files"; filename="100% fertig.pdf"', "100% fertig.pdf"],
    // Other clients: a backslash-escaped quote, an unescaped one, RFC 8187.
    ['form-data; name="files"; filename="a \\"b\\".pdf"', 'a "b".pdf'],
    ['form-data; name="files"; filename="a "b".pdf"', 'a "b".pdf'],
    ["form-data; name=files; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20v%3D2.pdf", "Grüße v=2.pdf"],
    ['form-data; filename="x.pdf"; name="files"', "x.pdf"],
  ])("%s", (header, filename) => {
    expect(parseContentDisposition(header)).toEqual({
      type: "form-data",
      name: header.includes("name=files") ? "files" : header.match(/name="(\w+)"/)![1],
      filename,
    });
  });

  test("a field has no file name, and nothing malformed throws", () => {
    expect(parseContentDisposition('form-data; name="subject"')).toEqual({
      type: "form-data",
      name: "subject",
      filename: undefined,
    });
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (header) => {
        parseContentDisposition(header);
      }),
    );
    // A hundred random headers: seconds on a loaded 2-core machine.
  }, 30_000);
});

describe("the multipart stream", () => {
  test("boundaries quoted or not; anything else is not a form", () => {
    expect(boundaryOf("multipart/form-data; boundary=abc")).toBe("abc");
    expect(boundaryOf('Multipart/Form-Data; charset=utf-8; boundary="a b"')).toBe("a b");
    expect(boundaryOf("application/x-www-form-urlencoded")).toBeUndefined();
    expect(boundaryOf("multipart/form-data")).toBeUndefined();
  });

  test("what FormData sent comes back, however the body is cut into chunks", async () => {
    const name = fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            field: fc.constantFrom("files", "title", "audience"),
            filename: fc.option(name, { nil: undefined }),
            // Contents that look like boundaries and line ends.
            content: fc.string({
              unit: fc.constantFrom("a", "\r", "\n", "-", "ü", "\r\n--", "x"),
              maxLength: 300,
            }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.array(fc.nat(), { maxLength: 30 }),
        async (items, cuts) => {
          const form = new FormData();
          for (const item of items) {
            if (item.filename === undefined) form.append(item.field, item.content);
            else form.append(item.field, new File([item.content], item.filename));
          }
          const { bytes, boundary } = await encoded(form);
          const parts = await partsOf(streamOf(bytes, cuts), boundary);
          // Undici's own reading of the same body is the reference.
          const expected = await new Response(bytes, {
            headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
          }).formData();
          const reference = [...expected.entries()].map(([field, value]) => ({
            name: field,
            filename: typeof value === "string" ? undefined : value.name,
          }));
          expect(parts.map(({ name, filename }) => ({ name, filename }))).toEqual(reference);
          // A text field's line ends are sent as CRLF; a file's bytes as they are.
          expect(parts.map((part) => part.text)).toEqual(
            items.map((item) =>
              item.filename === undefined
                ? item.content.replace(/\r\n|\r|\n/g, "\r\n")
                : item.content,
            ),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  test("a part left unread is skipped; a body cut short or without parts is malformed", async () => {
    const form = new FormData();
    form.append("files", new File(["%PDF-1.4 erste"], "a.pdf"));
    form.append("title", "Titel");
    const { bytes, boundary } = await encoded(form);
    const names: string[] = [];
    for await (const part of streamMultipart(streamOf(bytes, [7, 90, 200]), boundary)) {
      names.push(part.name);
    }
    expect(names).toEqual(["files", "title"]);

    await expect(partsOf(streamOf(bytes.slice(0, bytes.length - 30)), boundary)).rejects.toThrow(
      MalformedMultipart,
    );
    await expect(partsOf(streamOf(new TextEncoder().encode("hello")), boundary)).rejects.toThrow(
      MalformedMultipart,
    );
  });
});
