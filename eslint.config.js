import { readdirSync } from "node:fs";
import js from "@eslint/js";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import uiText from "./eslint-rules/no-literal-ui-text.js";

// The arrows point one way (ARCHITECTURE.md): routes → features → kernel → db. A feature uses
// another only through its face (`index.ts` for components and types, `index.server.ts` for
// server code); components never import server code; the kernel imports no feature.
const features = readdirSync("app/features", { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const noServerCode = {
  group: ["**/*.server", "**/*.server.*"],
  message: "Components run in the browser: import no server code (move shared types to types.ts).",
};
const noFeatureFromKernel = {
  group: ["~/features", "~/features/**", "~/routes/**", "**/features/**"],
  message: "The kernel imports no feature and no route: features build on the kernel, not back.",
};
const onlyThroughFace = (feature) => ({
  group: ["~/features/*/**", `!~/features/${feature}/**`, "!~/features/*/index.server"],
  message:
    "Use another feature only through its face: ~/features/<name> or ~/features/<name>/index.server.",
});
const restrict = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });
const leavingFolder = (depth) => ({
  group: [`${"../".repeat(depth)}**`],
  message: "Import from outside this feature with ~/…, through the other feature's face.",
});
const boundaries = [
  { files: ["app/kernel/**/*.{ts,tsx}"], rules: restrict(noFeatureFromKernel) },
  { files: ["app/components/**/*.{ts,tsx}"], rules: restrict(noServerCode) },
  ...features.flatMap((feature) => [
    {
      files: [`app/features/${feature}/*.{ts,tsx}`],
      rules: restrict(onlyThroughFace(feature), leavingFolder(1)),
    },
    {
      files: [`app/features/${feature}/components/**/*.{ts,tsx}`],
      rules: restrict(onlyThroughFace(feature), leavingFolder(2), noServerCode),
    },
  ]),
];

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "node_modules/**",
      ".data/**",
      ".cache/**",
      "db/migrations/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
    },
    settings: { react: { version: "detect" } },
    plugins: { react, "react-hooks": reactHooks },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      "react/prop-types": "off",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // Playwright reads a fixture's dependencies from its first parameter's destructuring
    // pattern, so fixtures without dependencies must be written `async ({}, use) => …`.
    files: ["tests/e2e/**/*.ts"],
    rules: { "no-empty-pattern": "off" },
  },
  {
    // Every word a reader sees comes from the catalogues (app/locales); tests may hard-code.
    files: ["app/**/*.tsx", "emails/**/*.tsx"],
    plugins: { ambit: uiText },
    rules: { "ambit/no-literal-ui-text": "error" },
  },
  ...boundaries,
);
