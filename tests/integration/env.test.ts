import { describe, expect, test } from "vitest";
import { EnvError, parseEnv } from "~/kernel/env.server";

const productionBase = {
  NODE_ENV: "production",
  APP_URL: "https://ambit.example.com",
  ENCRYPTION_KEY: "0123456789abcdef".repeat(4),
};

function errorOf(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error("parseEnv accepted the configuration");
}

describe("configuration", () => {
  test("a complete production configuration is accepted", () => {
    const config = parseEnv({
      ...productionBase,
      PORT: "8080",
      APP_URL: "https://ambit.example.com/",
    });
    expect(config.PORT).toBe(8080);
    expect(config.APP_URL).toBe("https://ambit.example.com");
  });

  test("development needs nothing and gets working defaults", () => {
    const config = parseEnv({});
    expect(config).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      APP_URL: "http://localhost:3000",
    });
    expect(config.ENCRYPTION_KEY).toMatch(/^[0-9a-f]{64}$/);
  });

  test.each([["abc"], ["0"], ["70000"], ["80.5"]])("PORT=%s is rejected, naming PORT", (port) => {
    expect(errorOf({ PORT: port }).message).toMatch(/^\s+PORT: /m);
  });

  test("a DATABASE_URL that is not a PostgreSQL URL is rejected, naming it", () => {
    const message = errorOf({ DATABASE_URL: "mysql://root@localhost/ambit" }).message;
    expect(message).toContain("DATABASE_URL: must be a postgres:// or postgresql:// URL");
  });

  test("production without APP_URL and ENCRYPTION_KEY names both", () => {
    const message = errorOf({ NODE_ENV: "production" }).message;
    expect(message).toContain("Ambit cannot start: invalid configuration.");
    expect(message).toContain("APP_URL: is required in production");
    expect(message).toContain("ENCRYPTION_KEY: is required in production");
  });

  test("a short ENCRYPTION_KEY is rejected with a hint how to make one", () => {
    const message = errorOf({ ...productionBase, ENCRYPTION_KEY: "abc123" }).message;
    expect(message).toMatch(/ENCRYPTION_KEY: must be 64 hex characters.*openssl rand -hex 32/);
  });

  test("empty values count as unset", () => {
    expect(errorOf({ ...productionBase, APP_URL: "" }).message).toContain("APP_URL: is required");
  });

  test("an UPLOADTHING_TOKEN that is not UploadThing's base64 JSON with an sk_ key is rejected, naming it", () => {
    const token = (apiKey: string) =>
      Buffer.from(JSON.stringify({ apiKey, appId: "app", regions: ["fra1"] })).toString("base64");
    expect(parseEnv({ UPLOADTHING_TOKEN: token("sk_live_abc") }).UPLOADTHING_TOKEN).toBe(
      token("sk_live_abc"),
    );
    for (const wrong of ["sk_live_abc", token("pk_live_abc"), "e30="]) {
      expect(errorOf({ UPLOADTHING_TOKEN: wrong }).message).toMatch(
        /^\s+UPLOADTHING_TOKEN: must be the token from the UploadThing dashboard/m,
      );
    }
  });
});
