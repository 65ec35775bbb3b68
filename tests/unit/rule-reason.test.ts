import { describe, expect, it } from "vitest";
import { ruleReasonText } from "~/features/sharing/rule-reason";
import { translatorFor } from "~/i18n";
import { defineAbilityFor } from "#policies/ability";

const en = translatorFor("en");
const de = translatorFor("de");

/** Every reason a partner's or customer's read of a project or a shared item can give. */
function reasonsOfTheSharingPanel() {
  const reasons = new Set<string>();
  for (const role of ["partner", "customer"] as const) {
    const ability = defineAbilityFor({
      id: "u",
      organizationId: "o",
      role,
      organizationKind: role,
    });
    for (const type of ["Project", "Entry", "Document", "Request"] as const) {
      for (const rule of ability.rulesFor("read", type)) {
        if (rule.reason && !rule.inverted) reasons.add(rule.reason);
      }
    }
  }
  return [...reasons];
}

describe("the sharing panel's reasons", () => {
  it("says every reason the policy gives for a read in German and English, none as written", () => {
    const reasons = reasonsOfTheSharingPanel();
    expect(reasons.length).toBeGreaterThan(8);
    for (const reason of reasons) {
      const english = ruleReasonText(en, reason);
      const german = ruleReasonText(de, reason);
      expect(english, reason).not.toBe(reason);
      expect(german, reason).not.toBe(english);
      expect(german, reason).not.toMatch(/\{\{|sharing\.explain/);
    }
  });

  it("names the section in the reader's language", () => {
    const reason = "Shared with all members, and your membership includes documents";
    expect(ruleReasonText(de, reason)).toBe(
      "Mit allen Mitgliedern geteilt, und die Mitgliedschaft umfasst „Dokumente“.",
    );
    expect(ruleReasonText(en, reason)).toBe(
      "Shared with all members, and their membership includes “Documents”.",
    );
    // A reason it does not know is shown as the policy wrote it, never dropped.
    expect(ruleReasonText(en, "Some new rule")).toBe("Some new rule");
  });
});
