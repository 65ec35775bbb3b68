// The import boundaries of ARCHITECTURE.md are lint rules: each planted import below breaks one
// and must fail `npm run lint`; the allowed forms next to them must pass.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();

async function boundaryErrors(filePath: string, code: string) {
  const [result] = await eslint.lintText(`${code}\nexport const used = planted;\n`, { filePath });
  return result!.messages
    .filter((message) => message.ruleId === "no-restricted-imports")
    .map((message) => message.message);
}

// The first test loads ESLint and its whole configuration: seconds on a busy machine.
describe("import boundaries", { timeout: 60_000 }, () => {
  it("the kernel imports no feature", async () => {
    expect(
      await boundaryErrors(
        "app/kernel/planted.server.ts",
        'import { findProject as planted } from "~/features/projects/index.server";',
      ),
    ).toEqual([expect.stringContaining("The kernel imports no feature")]);
    expect(
      await boundaryErrors(
        "app/kernel/planted.server.ts",
        'import { env as planted } from "~/kernel/env.server";',
      ),
    ).toEqual([]);
  });

  it("a component imports no server code", async () => {
    for (const filePath of [
      "app/components/planted.tsx",
      "app/features/home/components/planted.tsx",
    ]) {
      expect(
        await boundaryErrors(filePath, 'import { env as planted } from "~/kernel/env.server";'),
      ).toEqual([expect.stringContaining("import no server code")]);
    }
    expect(
      await boundaryErrors(
        "app/features/home/components/planted.tsx",
        'import type { HomeProjectView as planted } from "~/features/home/types";',
      ),
    ).toEqual([]);
  });

  it("a feature uses another only through its face", async () => {
    expect(
      await boundaryErrors(
        "app/features/documents/planted.server.ts",
        'import { readableEntries as planted } from "~/features/sharing/item-scope.server";',
      ),
    ).toEqual([expect.stringContaining("only through its face")]);
    expect(
      await boundaryErrors(
        "app/features/documents/planted.server.ts",
        'import { readableEntries as planted } from "../sharing/item-scope.server";',
      ),
    ).toEqual([expect.stringContaining("through the other feature's face")]);
    expect(
      await boundaryErrors(
        "app/features/documents/planted.server.ts",
        'import { readableEntries as planted } from "~/features/sharing/index.server";',
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        "app/features/documents/components/planted.tsx",
        'import { AudiencePicker as planted } from "~/features/sharing";',
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        "app/features/documents/planted.server.ts",
        'import { listDocuments as planted } from "~/features/documents/document.server";',
      ),
    ).toEqual([]);
  });
});
