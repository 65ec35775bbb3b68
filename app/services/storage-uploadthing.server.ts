import type { Env } from "~/utils/env.server";
import type { FileStorage } from "./storage.server";

/** UploadThing (private files) as document storage. Not implemented yet: refuses to start. */
export function uploadThingStorage(_config: Env): FileStorage {
  throw new Error("UPLOADTHING_TOKEN is set, but the UploadThing storage is not built yet");
}
