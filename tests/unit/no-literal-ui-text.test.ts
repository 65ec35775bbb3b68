// Every word a reader sees comes from the catalogues. The rule `no-literal-ui-text`
// (eslint-rules/) finds text written into markup; here it is shown to catch planted text and to
// pass translated markup, and then it is run over every page, component and email.
import { ESLint, RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import uiText, { rule } from "../../eslint-rules/no-literal-ui-text.js";

const languageOptions = {
  parser: tseslint.parser,
  parserOptions: { ecmaFeatures: { jsx: true } },
};

// RuleTester declares its cases with the test runner's describe/it, which vitest does not put
// on the global object.
RuleTester.describe = describe;
RuleTester.it = it;

const ruleTester = new RuleTester({ languageOptions });
const component = "app/components/planted.tsx";
const route = "app/routes/_app.planted.tsx";

ruleTester.run("no-literal-ui-text", rule, {
  valid: [
    { code: `<p>{t("x")}</p>`, filename: component },
    { code: `<span>·</span>`, filename: component },
    { code: `<p>— / … × + 42 {" "}&nbsp;</p>`, filename: component },
    { code: `<kbd>/</kbd>`, filename: component },
    { code: `<kbd>K</kbd>`, filename: component },
    { code: `<span>Ambit</span>`, filename: component },
    { code: `<button aria-label={t("a")} />`, filename: component },
    { code: `<input placeholder={t("search.placeholder")} />`, filename: component },
    { code: `<img alt="" />`, filename: component },
    { code: `<div className="text-sm font-bold" data-state="open" />`, filename: component },
    { code: `<option value="partner">{t("roles.partner")}</option>`, filename: component },
    {
      code: `export const meta = () => [{ title: data ? \`\${data.name} · Ambit\` : "Ambit" }];`,
      filename: route,
    },
    { code: `export const meta = pageTitle("nav.home");`, filename: route },
    // Only route modules' meta makes the page title; elsewhere `title` is just data.
    { code: `export const meta = () => [{ title: "Projects" }];`, filename: component },
    { code: `const props = { title: "Projects" };`, filename: route },
  ],
  invalid: [
    { code: `<p>Hello</p>`, filename: component, errors: [{ messageId: "text" }] },
    { code: `<p>Übersicht</p>`, filename: component, errors: [{ messageId: "text" }] },
    { code: `<p>{"Hello"}</p>`, filename: component, errors: [{ messageId: "text" }] },
    {
      code: `<p>{open ? "Hide" : t("show")}</p>`,
      filename: component,
      errors: [{ messageId: "text" }],
    },
    {
      code: `<input placeholder="Search" />`,
      filename: component,
      errors: [{ messageId: "attribute" }],
    },
    {
      code: `<button aria-label={"Close"} title={\`Close\`} />`,
      filename: component,
      errors: [{ messageId: "attribute" }, { messageId: "attribute" }],
    },
    {
      code: `<Field label="Name" />`,
      filename: component,
      errors: [{ messageId: "attribute" }],
    },
    {
      code: `<img alt={\`Logo of \${name}\`} />`,
      filename: component,
      errors: [{ messageId: "attribute" }],
    },
    {
      code: `export const meta: MetaFunction = () => [{ title: "Projects · Ambit" }];`,
      filename: route,
      errors: [{ messageId: "title" }],
    },
    {
      code: `export function meta() { return [{ title: \`\${name} · Projects\` }]; }`,
      filename: route,
      errors: [{ messageId: "title" }],
    },
  ],
});

describe("no hard-coded user-facing text in the app", () => {
  it("eslint.config.js applies the rule to pages, components and emails, not to tests", async () => {
    const eslint = new ESLint();
    const severity = async (file: string) =>
      (await eslint.calculateConfigForFile(file))?.rules?.["ambit/no-literal-ui-text"]?.[0];
    expect(await severity("app/routes/_app.tsx")).toBe(2);
    expect(await severity("emails/invitation.tsx")).toBe(2);
    expect(await severity("tests/unit/planted.test.tsx")).toBeUndefined();
  });

  it("every page, component and email takes its text from the catalogues", async () => {
    // Only this rule and a parser without type information, so the whole app lints in seconds.
    const eslint = new ESLint({
      overrideConfigFile: true,
      overrideConfig: {
        files: ["**/*.tsx"],
        languageOptions,
        plugins: { ambit: uiText },
        rules: { "ambit/no-literal-ui-text": "error" },
      },
    });
    const results = await eslint.lintFiles(["app/**/*.tsx", "emails/**/*.tsx"]);
    const problems = results.flatMap((result) =>
      result.messages.map(
        (message) =>
          `${result.filePath.replace(`${process.cwd()}/`, "")}:${message.line}: ${message.message}`,
      ),
    );
    expect(problems, `Hard-coded text:\n${problems.join("\n")}`).toEqual([]);
    // Parsing every component takes seconds, more on a loaded machine.
  }, 60_000);
});
