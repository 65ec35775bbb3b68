import type { Database } from "#db/client.server";
import { seedDemoWorld as seedWithTools, type SeedOptions } from "#db/seed/demo-world";
import { refreshDueDates } from "~/features/requests/index.server";
import { hashPassword } from "~/kernel/password.server";
import { plainTextDoc } from "~/kernel/rich-text/rich-text";
import { renderRichText } from "~/kernel/rich-text/rich-text.server";
import { storage, type FileStorage } from "~/kernel/storage/storage.server";

function renderBody(text: string) {
  const body = renderRichText(plainTextDoc(text));
  if (!body.ok) throw new Error(`a demo entry's body does not render: ${body.error}`);
  return body.value;
}

/**
 * Seeds the demo world (DEMO_WORLD.md) with the app's own password hashing, rich text, file
 * storage and request due dates; `files` puts the demo documents elsewhere (tests, tools).
 */
export async function seedDemoWorld(
  database: Database,
  now: Date = new Date(),
  options: SeedOptions & { files?: FileStorage } = {},
) {
  const { files, ...rest } = options;
  const tools = {
    hashPassword,
    renderBody,
    files: files ?? (await storage()),
    refreshRequestDueDates: refreshDueDates,
  };
  await seedWithTools(database, tools, now, rest);
}
