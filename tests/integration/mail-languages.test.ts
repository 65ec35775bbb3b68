import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { organizations, users } from "#db/schema";
import { action as forgotAction } from "~/routes/_auth.forgot-password";
import { inviteUser } from "~/features/identity/invitation.server";
import { setHostDefaultLanguage } from "~/kernel/locale.server";
import { newestMailTo } from "../support/mail";
import { makeRequestContext } from "../support/request";

// Every email is written for its recipient: in their language, never in the language of
// whoever caused it to be sent.

const actor = { ip: "203.0.113.70", userAgent: "mail-languages-test" };

/** The password-reset form, sent from a browser that reads `acceptLanguage`. */
function askForReset(email: string, acceptLanguage: string) {
  const request = new Request("http://localhost:3000/forgot-password", {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "Accept-Language": acceptLanguage,
    },
    body: new URLSearchParams({ email }),
  });
  return forgotAction({ request, params: {}, context: makeRequestContext() });
}

async function hostAdmin() {
  const [user] = await db().select().from(users).where(eq(users.email, "ida@hansen.example"));
  const [host] = await db().select().from(organizations).where(eq(organizations.kind, "host"));
  return { user: user!, organization: host! };
}

describe("emails in their recipient's language", () => {
  test("the same form, sent from one English browser, mails Eva in German and Lena in English", async () => {
    await askForReset("eva@cafe-morgenrot.example", "en-GB,en;q=0.8");
    await askForReset("lena@studio-lumen.example", "en-GB,en;q=0.8");

    const eva = await newestMailTo("eva@cafe-morgenrot.example");
    expect(eva.subject).toBe("Ihr Ambit-Passwort zurücksetzen");
    expect(eva.text).toContain("Guten Tag Eva Roth,");
    expect(eva.html).toContain('lang="de"');
    expect(eva.text).not.toMatch(/Reset your password|Hello/);

    const lena = await newestMailTo("lena@studio-lumen.example");
    expect(lena.subject).toBe("Reset your Ambit password");
    expect(lena.text).toContain("Hello Lena Falk,");
    expect(lena.html).toContain('lang="en"');
  });

  test("someone who has not chosen gets the language their browser read at their last sign-in, else the host's", async () => {
    // Jonas has not chosen and has never signed in: the host's default, German.
    await askForReset("jonas@holzwerk-meyer.example", "en-GB");
    expect((await newestMailTo("jonas@holzwerk-meyer.example")).subject).toBe(
      "Ihr Ambit-Passwort zurücksetzen",
    );

    // After a sign-in from an English browser, English.
    await db()
      .update(users)
      .set({ browserLocale: "en" })
      .where(eq(users.email, "jonas@holzwerk-meyer.example"));
    await askForReset("jonas@holzwerk-meyer.example", "de-DE");
    expect((await newestMailTo("jonas@holzwerk-meyer.example")).subject).toBe(
      "Reset your Ambit password",
    );
  });

  test("an invitation is written in the language the inviter chose, with the date in its format", async () => {
    const inviter = await hostAdmin();
    const [lumen] = await db()
      .select()
      .from(organizations)
      .where(eq(organizations.name, "Studio Lumen"));
    const invite = (email: string, locale: "de" | "en") =>
      inviteUser({ email, name: "Neu", role: "partner", locale, organization: lumen! }, inviter, {
        ...actor,
        userId: inviter.user.id,
        organizationId: inviter.user.organizationId,
      });

    await invite("kim@studio-lumen.example", "de");
    await invite("sam@studio-lumen.example", "en");

    const german = await newestMailTo("kim@studio-lumen.example");
    expect(german.subject).toBe("Ida Hansen hat Sie zu Studio Lumen auf Ambit eingeladen");
    // "bis 13. Dezember 2026 um 12:00 MEZ": the German long date, a 24-hour clock, the host's zone.
    expect(german.text).toMatch(/bis \d{1,2}\. [A-ZÄÖÜ][a-zä]+ \d{4} um \d{2}:\d{2} MES?Z gültig/);

    const english = await newestMailTo("sam@studio-lumen.example");
    expect(english.subject).toBe("Ida Hansen invited you to join Studio Lumen on Ambit");
    expect(english.text).toMatch(/\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2} CES?T/);
    expect(english.text).not.toMatch(/[AP]M/);
  });

  test("the host's default language decides for someone with neither a choice nor a remembered browser", async () => {
    await setHostDefaultLanguage("en");
    try {
      await askForReset("mara@wolff-design.example", "de-DE");
      expect((await newestMailTo("mara@wolff-design.example")).subject).toBe(
        "Reset your Ambit password",
      );
    } finally {
      await setHostDefaultLanguage("de");
    }
  });
});
