/** One part of a multipart form: a field, or a file when it has a `filename`. */
export type MultipartPart = {
  name: string;
  filename?: string;
  contentType?: string;
  /** The part's bytes as they arrive; read it before asking for the next part. */
  data: AsyncIterable<Uint8Array>;
};

/** The body is not the multipart form its header announced. */
export class MalformedMultipart extends Error {}

const CRLF = Buffer.from("\r\n");
const HEADERS_END = Buffer.from("\r\n\r\n");
// A part's headers: a name of 255 bytes percent-encoded fits many times over.
const MAX_HEADERS = 16 * 1024;
const headerText = new TextDecoder("utf-8");

/** The `boundary` of a `multipart/form-data` content type, quoted or not; else undefined. */
export function boundaryOf(contentType: string): string | undefined {
  const [type = "", ...params] = contentType.split(";");
  if (type.trim().toLowerCase() !== "multipart/form-data") return undefined;
  for (const param of params) {
    const match = /^\s*boundary\s*=\s*(?:"([^"]*)"|(\S+))\s*$/i.exec(param);
    const boundary = match?.[1] ?? match?.[2];
    if (boundary && boundary.length <= 70) return boundary;
  }
  return undefined;
}

/** `%22`, `%0D` and `%0A`: the only escapes the HTML standard applies to a form's file name. */
const unescapeFormName = (value: string) =>
  value.replace(/%(22|0d|0a)/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** An RFC 8187 `filename*` (`UTF-8''Angebot%20v%3D2.pdf`), decoded without ever throwing. */
function decodeExtended(value: string): string | undefined {
  const match = /^([\w!#$%&+^`{}~-]+)'[^']*'(.*)$/.exec(value);
  if (!match) return undefined;
  const charset = match[1]!.toLowerCase();
  if (charset !== "utf-8" && charset !== "iso-8859-1") return undefined;
  const bytes = Buffer.from(
    match[2]!.replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    ),
    "latin1",
  );
  return charset === "utf-8" ? headerText.decode(bytes) : bytes.toString("latin1");
}

/**
 * The parameters of a `Content-Disposition` header, read the way browsers write them: a quoted
 * value runs to the quote that ends the header or precedes the next `; name=`, so a file name
 * may hold `=`, `;`, `'` or an unescaped `"`. Never throws.
 */
export function parseContentDisposition(value: string) {
  const semicolon = value.indexOf(";");
  const type = (semicolon < 0 ? value : value.slice(0, semicolon)).trim().toLowerCase();
  const params = new Map<string, string>();
  const rest = semicolon < 0 ? "" : value.slice(semicolon + 1);
  // Sticky patterns read from a position: a long header is walked once, never sliced.
  const key = /[\s;]*([^=;\s]+)\s*(=?)\s*/y;
  const closes = /\s*(;\s*[^=;\s]{1,64}\s*=|$)/y;
  let at = 0;
  while (at < rest.length) {
    key.lastIndex = at;
    const found = key.exec(rest);
    if (!found) break;
    at = key.lastIndex;
    if (!found[2]) continue;
    let text: string;
    if (rest[at] === '"') {
      let end = rest.length;
      for (
        let quote = rest.indexOf('"', at + 1);
        quote >= 0;
        quote = rest.indexOf('"', quote + 1)
      ) {
        closes.lastIndex = quote + 1;
        if (closes.test(rest)) {
          end = quote;
          break;
        }
      }
      text = rest.slice(at + 1, end).replace(/\\"/g, '"');
      at = end + 1;
    } else {
      const end = rest.indexOf(";", at);
      text = rest.slice(at, end < 0 ? rest.length : end).trim();
      at = end < 0 ? rest.length : end;
    }
    const name = found[1]!.toLowerCase();
    if (!params.has(name)) params.set(name, text);
  }
  const extended = params.has("filename*") ? decodeExtended(params.get("filename*")!) : undefined;
  const plain = params.get("filename");
  return {
    type,
    name: params.get("name"),
    filename: extended ?? (plain === undefined ? undefined : unescapeFormName(plain)),
  };
}

/** Reads a stream into one growing buffer, on demand. */
class Bytes {
  buffer: Buffer = Buffer.from(CRLF);
  private ended = false;
  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  /** One more chunk at the end of `buffer`; false at the end of the stream. */
  async more() {
    if (this.ended) return false;
    const { value, done } = await this.reader.read();
    if (done) {
      this.ended = true;
      return false;
    }
    this.buffer = this.buffer.length
      ? Buffer.concat([this.buffer, value])
      : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    return true;
  }

  /** The position of `needle`, reading on until it is there; -1 past `limit` or at the end. */
  async find(needle: Buffer, limit = Infinity) {
    for (;;) {
      const at = this.buffer.indexOf(needle);
      if (at >= 0) return at <= limit ? at : -1;
      if (this.buffer.length > limit + needle.length || !(await this.more())) return -1;
    }
  }

  async atLeast(size: number) {
    while (this.buffer.length < size) if (!(await this.more())) return false;
    return true;
  }
}

function headersOf(block: Buffer) {
  const headers = new Map<string, string>();
  for (const line of headerText.decode(block).split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * The parts of a `multipart/form-data` body, streamed: each part's data is read from the
 * request as the caller reads it, so a large file never sits in memory. Remix's parser throws on
 * a file name holding `=` or `;`; this one takes any name a browser sends.
 */
export async function* streamMultipart(
  body: ReadableStream<Uint8Array>,
  boundary: string,
): AsyncGenerator<MultipartPart> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const reader = body.getReader();
  // The buffer starts with a CRLF, so the first boundary looks like every later one.
  const bytes = new Bytes(reader);
  try {
    const first = await bytes.find(delimiter, MAX_HEADERS);
    if (first < 0) throw new MalformedMultipart("no boundary");
    bytes.buffer = bytes.buffer.subarray(first + delimiter.length);
    for (;;) {
      if (!(await bytes.atLeast(2))) throw new MalformedMultipart("unexpected end");
      if (bytes.buffer[0] === 0x2d && bytes.buffer[1] === 0x2d) return;
      // Transport padding may follow a boundary before its line ends.
      const lineEnd = await bytes.find(CRLF, 1024);
      if (lineEnd < 0 || bytes.buffer.subarray(0, lineEnd).toString("latin1").trim() !== "") {
        throw new MalformedMultipart("boundary line");
      }
      bytes.buffer = bytes.buffer.subarray(lineEnd);
      // From the CRLF that ended the boundary line to the blank line: the part's headers.
      const headersEnd = await bytes.find(HEADERS_END, MAX_HEADERS);
      if (headersEnd < 0) throw new MalformedMultipart("part headers");
      const headers = headersOf(bytes.buffer.subarray(CRLF.length, headersEnd));
      bytes.buffer = bytes.buffer.subarray(headersEnd + HEADERS_END.length);
      const disposition = parseContentDisposition(headers.get("content-disposition") ?? "");
      if (disposition.type !== "form-data" || disposition.name === undefined) {
        throw new MalformedMultipart("content-disposition");
      }

      let finished = false;
      const keep = delimiter.length - 1;
      /** The part's next bytes, or null at its end. */
      const next = async (): Promise<Buffer | null> => {
        while (!finished) {
          const at = bytes.buffer.indexOf(delimiter);
          if (at >= 0) {
            const chunk = bytes.buffer.subarray(0, at);
            bytes.buffer = bytes.buffer.subarray(at + delimiter.length);
            finished = true;
            return chunk;
          }
          // Everything but what could be the start of a boundary split across chunks.
          if (bytes.buffer.length > keep) {
            const chunk = bytes.buffer.subarray(0, bytes.buffer.length - keep);
            bytes.buffer = bytes.buffer.subarray(bytes.buffer.length - keep);
            return chunk;
          }
          if (!(await bytes.more())) throw new MalformedMultipart("unexpected end");
        }
        return null;
      };
      yield {
        name: disposition.name,
        filename: disposition.filename,
        contentType: headers.get("content-type"),
        data: {
          async *[Symbol.asyncIterator]() {
            for (let chunk = await next(); chunk; chunk = await next()) {
              if (chunk.length) yield chunk;
            }
          },
        },
      };
      // The caller may have left the part unread (or half read): skip to its end.
      while (await next());
    }
  } finally {
    reader.releaseLock();
  }
}
