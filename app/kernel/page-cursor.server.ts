import { isUuid } from "~/kernel/query-input";

/**
 * A keyset page's position in the URL: the sort key of the last row shown and its id (which
 * breaks ties), as opaque base64url text.
 */
export function encodePageCursor(key: string, id: string) {
  return Buffer.from(JSON.stringify([key, id])).toString("base64url");
}

/**
 * The position a cursor names, or undefined for anything malformed or tampered with (the
 * first page then). `validKey` checks the sort key's form.
 */
export function decodePageCursor(
  value: string | null | undefined,
  validKey: (key: string) => boolean = () => true,
): { key: string; id: string } | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [key, id] = parsed as unknown[];
    if (typeof key !== "string" || typeof id !== "string" || !isUuid(id)) return undefined;
    return validKey(key) ? { key, id } : undefined;
  } catch {
    return undefined;
  }
}

/** A cursor whose sort key is a time: the time itself, or undefined. */
export function decodeTimeCursor(value: string | null | undefined) {
  const cursor = decodePageCursor(value, (key) => !Number.isNaN(new Date(key).getTime()));
  return cursor && { at: new Date(cursor.key), id: cursor.id };
}
