// An organisation's verified mail domains: whoever writes from them speaks for the organisation,
// so mail from them to its capture addresses lands in its projects. Pure, so the admin form
// checks in the browser exactly what the server checks.

/** At most this many domains per organisation. */
export const MAX_MAIL_DOMAINS = 20;
/** The longest domain name DNS allows, without the trailing dot. */
export const MAX_DOMAIN_LENGTH = 253;

/**
 * Public mailbox providers: anyone can open an address there, so such a domain would let anyone
 * in. Subdomains of them are refused too.
 */
export const PUBLIC_MAIL_PROVIDERS: ReadonlySet<string> = new Set([
  "aol.com",
  "aol.de",
  "arcor.de",
  "email.de",
  "freenet.de",
  "gmail.com",
  "googlemail.com",
  "gmx.at",
  "gmx.ch",
  "gmx.com",
  "gmx.de",
  "gmx.net",
  "hotmail.com",
  "hotmail.de",
  "icloud.com",
  "live.com",
  "live.de",
  "mac.com",
  "mail.com",
  "mail.de",
  "mailbox.org",
  "me.com",
  "msn.com",
  "outlook.com",
  "outlook.de",
  "pm.me",
  "posteo.de",
  "posteo.net",
  "proton.me",
  "protonmail.ch",
  "protonmail.com",
  "t-online.de",
  "tuta.com",
  "tuta.io",
  "tutanota.com",
  "tutanota.de",
  "web.de",
  "yahoo.com",
  "yahoo.de",
  "yandex.com",
  "ymail.com",
  "zoho.com",
]);

/** Why a typed list of domains was refused; `domain` is the part as typed (trimmed). */
export type MailDomainsError =
  | { kind: "address"; domain: string }
  | { kind: "scheme"; domain: string }
  | { kind: "wildcard"; domain: string }
  | { kind: "tooLong"; domain: string; max: number }
  | { kind: "invalid"; domain: string }
  | { kind: "publicProvider"; domain: string }
  | { kind: "tooMany"; count: number; max: number };

export type ParsedMailDomains =
  { ok: true; domains: string[] } | { ok: false; error: MailDomainsError };

// Labels of letters, digits and inner hyphens, at most 63 characters each; a top-level domain of
// two or more letters.
const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const DOMAIN = new RegExp(`^(?:${LABEL}\\.)+[a-z]{2,63}$`);

/** The provider `domain` belongs to (itself or as a subdomain), if it is a public one. */
export function publicProviderOf(domain: string): string | undefined {
  const labels = domain.split(".");
  for (let start = 0; start < labels.length - 1; start += 1) {
    const candidate = labels.slice(start).join(".");
    if (PUBLIC_MAIL_PROVIDERS.has(candidate)) return candidate;
  }
  return undefined;
}

/** One typed part, lower-cased, as a domain or what is wrong with it. */
function checkDomain(typed: string): { domain: string } | { error: MailDomainsError } {
  const value = typed.toLowerCase();
  if (value.includes("://")) return { error: { kind: "scheme", domain: typed } };
  if (value.includes("@")) return { error: { kind: "address", domain: typed } };
  if (value.includes("*")) return { error: { kind: "wildcard", domain: typed } };
  // "example.com." is the same name written fully qualified.
  const domain = value.endsWith(".") ? value.slice(0, -1) : value;
  if (domain.length > MAX_DOMAIN_LENGTH) {
    return { error: { kind: "tooLong", domain: typed, max: MAX_DOMAIN_LENGTH } };
  }
  if (!DOMAIN.test(domain)) return { error: { kind: "invalid", domain: typed } };
  if (publicProviderOf(domain)) return { error: { kind: "publicProvider", domain } };
  return { domain };
}

/**
 * The domains of a text in which they are separated by commas, semicolons, spaces or new lines:
 * lower-cased, trimmed, without repeats, in the order typed. Refuses the first part that is no
 * plain domain name (an address, a URL, a wildcard) or a public mailbox provider, and more than
 * `MAX_MAIL_DOMAINS` domains. An empty text is an empty list.
 */
export function parseMailDomains(text: string): ParsedMailDomains {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const domains: string[] = [];
  for (const part of parts) {
    const checked = checkDomain(part);
    if ("error" in checked) return { ok: false, error: checked.error };
    if (!domains.includes(checked.domain)) domains.push(checked.domain);
  }
  if (domains.length > MAX_MAIL_DOMAINS) {
    return { ok: false, error: { kind: "tooMany", count: domains.length, max: MAX_MAIL_DOMAINS } };
  }
  return { ok: true, domains };
}

/** Stored domains as the form shows them, one per line. */
export function formatMailDomains(domains: readonly string[]) {
  return domains.join("\n");
}
