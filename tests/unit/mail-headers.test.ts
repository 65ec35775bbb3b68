import { describe, expect, test } from "vitest";
import { withDisplayName, withoutControls } from "~/kernel/mail/mail.server";

describe("header values", () => {
  test("line breaks and other control characters cannot start a header of their own", () => {
    expect(withoutControls("Angebot\r\nBcc: victim@example.com")).toBe(
      "Angebot Bcc: victim@example.com",
    );
    expect(withoutControls("a\u2028b\u0085c\u0000d")).toBe("a b c d");
  });

  test("a sender's name goes in quotes before our address, without what would end the phrase", () => {
    expect(withDisplayName("Ambit <no-reply@ambit.example>", "Anna Berg")).toBe(
      '"Anna Berg" <no-reply@ambit.example>',
    );
    expect(withDisplayName("no-reply@ambit.example", 'Eve "<evil@x>"\r\nBcc: y')).toBe(
      '"Eve evil@x Bcc: y" <no-reply@ambit.example>',
    );
  });
});
