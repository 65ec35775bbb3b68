import { describe, expect, test } from "vitest";
import { safeRedirectPath } from "~/kernel/auth.server";

describe("safeRedirectPath", () => {
  test.each([
    ["/", "/"],
    ["/projects", "/projects"],
    ["/projects/7?tab=files#top", "/projects/7?tab=files#top"],
  ])("keeps the same-site path %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  test.each([
    ["https://evil.example/"],
    ["//evil.example/path"],
    ["/\\evil.example"],
    ["\\\\evil.example"],
    ["javascript:alert(1)"],
    ["projects"],
    [""],
  ])("sends %j home instead", (input) => {
    expect(safeRedirectPath(input)).toBe("/");
  });

  test("ignores missing and non-text values", () => {
    expect(safeRedirectPath(null)).toBe("/");
    expect(safeRedirectPath(undefined)).toBe("/");
    expect(safeRedirectPath(new File(["x"], "x.txt"))).toBe("/");
  });

  // Browsers strip tabs and newlines before resolving, which would turn "/\t/x" into "//x".
  test("every accepted path resolves to the app's own origin", () => {
    const origin = "https://ambit.example.com";
    const attempts = [
      "/",
      "/a",
      "//evil.example",
      "/\\evil.example",
      "/%2F%2Fevil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\\evil.example",
      "/\t\\evil.example",
      "/ /evil.example",
    ];
    for (const attempt of attempts) {
      expect(new URL(safeRedirectPath(attempt), origin).origin).toBe(origin);
    }
  });
});
