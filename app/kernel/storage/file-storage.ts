// What every storage driver is: the interface and the shape of the keys it accepts.
/** A stored file as the storage lists it (for the sweep of files nobody refers to). */
export type StoredObject = { key: string; size: number; modifiedAt: Date };

/** A finished upload on local disk, about to be kept. */
export type LocalFile = { path: string; size: number; contentType: string; name: string };

/**
 * Where document files live: local disk by default, UploadThing when configured. Keys are ours
 * (random, generated on upload); a file name never becomes a path.
 */
export type FileStorage = {
  readonly kind: "local" | "uploadthing";
  put(key: string, file: LocalFile): Promise<void>;
  /** The file's bytes as a stream, or undefined when nothing is stored under the key. */
  read(key: string): Promise<{ body: ReadableStream<Uint8Array>; size: number } | undefined>;
  remove(keys: string[]): Promise<void>;
  list(): AsyncIterable<StoredObject>;
};

const KEY = /^[a-z0-9][a-z0-9-]{7,120}$/;

export function assertStorageKey(key: string) {
  if (!KEY.test(key)) throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
}
