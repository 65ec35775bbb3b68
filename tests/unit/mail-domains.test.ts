import { describe, expect, it } from "vitest";
import {
  formatMailDomains,
  MAX_MAIL_DOMAINS,
  parseMailDomains,
  PUBLIC_MAIL_PROVIDERS,
  publicProviderOf,
} from "~/features/accounts/mail-domains";

describe("parseMailDomains", () => {
  it("reads domains separated by commas, semicolons, spaces and new lines", () => {
    expect(
      parseMailDomains(" Studio-Lumen.example,lumen.example\n\r\nmail.lumen.example ; x1.de\t"),
    ).toEqual({
      ok: true,
      domains: ["studio-lumen.example", "lumen.example", "mail.lumen.example", "x1.de"],
    });
  });

  it("lower-cases, trims and drops repeats, keeping the typed order", () => {
    expect(parseMailDomains("B.example, a.example,  b.EXAMPLE  a.example.")).toEqual({
      ok: true,
      domains: ["b.example", "a.example"],
    });
  });

  it("an empty or blank text is no domains", () => {
    expect(parseMailDomains("")).toEqual({ ok: true, domains: [] });
    expect(parseMailDomains(" ,\n ")).toEqual({ ok: true, domains: [] });
  });

  it("accepts letters, digits, inner hyphens and punycode", () => {
    for (const domain of ["a-b.example", "123.example", "xn--bcker-gra.de", "a.b.c.example"]) {
      expect(parseMailDomains(domain)).toEqual({ ok: true, domains: [domain] });
    }
  });

  it("refuses an email address, a URL and a wildcard with their own reasons", () => {
    expect(parseMailDomains("lena@studio-lumen.example")).toEqual({
      ok: false,
      error: { kind: "address", domain: "lena@studio-lumen.example" },
    });
    expect(parseMailDomains("@studio-lumen.example")).toMatchObject({
      ok: false,
      error: { kind: "address" },
    });
    expect(parseMailDomains("https://studio-lumen.example")).toEqual({
      ok: false,
      error: { kind: "scheme", domain: "https://studio-lumen.example" },
    });
    expect(parseMailDomains("*.studio-lumen.example")).toEqual({
      ok: false,
      error: { kind: "wildcard", domain: "*.studio-lumen.example" },
    });
  });

  it("refuses what is no plain domain name, naming the part as typed", () => {
    for (const typed of [
      "localhost",
      "studio-lumen",
      "studio-lumen.e",
      "studio-lumen.123",
      "-lumen.example",
      "lumen-.example",
      "lumen..example",
      ".lumen.example",
      "lu_men.example",
      "lumen.example:25",
      "bäckerei.de",
      `${"a".repeat(64)}.example`,
      "lumen.example/path",
    ]) {
      expect(parseMailDomains(`ok.example, ${typed}`), typed).toEqual({
        ok: false,
        error: { kind: "invalid", domain: typed },
      });
    }
    expect(parseMailDomains("Not-A-Domain")).toEqual({
      ok: false,
      error: { kind: "invalid", domain: "Not-A-Domain" },
    });
  });

  it("refuses a name longer than 253 characters", () => {
    const label = "a".repeat(63);
    const fits = `${label}.${label}.${label}.${"a".repeat(58)}.de`;
    expect(fits).toHaveLength(253);
    expect(parseMailDomains(fits)).toEqual({ ok: true, domains: [fits] });
    const tooLong = `a${fits}`;
    expect(parseMailDomains(tooLong)).toEqual({
      ok: false,
      error: { kind: "tooLong", domain: tooLong, max: 253 },
    });
  });

  it("refuses every public mailbox provider, and their subdomains", () => {
    const required = [
      "gmail.com",
      "googlemail.com",
      "outlook.com",
      "hotmail.com",
      "live.com",
      "yahoo.com",
      "icloud.com",
      "me.com",
      "gmx.de",
      "gmx.net",
      "web.de",
      "t-online.de",
      "aol.com",
      "proton.me",
      "protonmail.com",
      "posteo.de",
      "mailbox.org",
    ];
    for (const provider of required) {
      expect(PUBLIC_MAIL_PROVIDERS.has(provider), provider).toBe(true);
      expect(parseMailDomains(`studio-lumen.example ${provider.toUpperCase()}`)).toEqual({
        ok: false,
        error: { kind: "publicProvider", domain: provider },
      });
    }
    expect(parseMailDomains("mail.gmail.com")).toEqual({
      ok: false,
      error: { kind: "publicProvider", domain: "mail.gmail.com" },
    });
    expect(publicProviderOf("eu.mail.web.de")).toBe("web.de");
    // Only whole labels count: these are someone's own domains.
    expect(publicProviderOf("notgmail.com")).toBeUndefined();
    expect(publicProviderOf("gmail.com.example")).toBeUndefined();
    expect(parseMailDomains("myweb.de")).toEqual({ ok: true, domains: ["myweb.de"] });
  });

  it(`allows at most ${MAX_MAIL_DOMAINS} domains, repeats counted once`, () => {
    const domains = Array.from({ length: MAX_MAIL_DOMAINS }, (_, i) => `d${i}.example`);
    expect(parseMailDomains([...domains, ...domains].join(","))).toEqual({ ok: true, domains });
    expect(parseMailDomains([...domains, "one-more.example"].join(","))).toEqual({
      ok: false,
      error: { kind: "tooMany", count: MAX_MAIL_DOMAINS + 1, max: MAX_MAIL_DOMAINS },
    });
  });

  it("reads back what formatMailDomains writes", () => {
    const domains = ["studio-lumen.example", "lumen.example"];
    expect(parseMailDomains(formatMailDomains(domains))).toEqual({ ok: true, domains });
  });
});
