import { describe, expect, it } from "vitest";
import { en } from "~/locales/en";

const firstWord = (label: string) => label.split(/[\s:]/)[0]!.toLowerCase();

describe("a timeline row names the direction and the audience side by side", () => {
  it("no direction reads like an audience (“Partners · Internal”)", () => {
    const audiences = Object.values(en.history.audiences).map(firstWord);
    for (const [direction, label] of Object.entries(en.history.directions)) {
      expect(audiences, direction).not.toContain(firstWord(label));
    }
    expect(en.history.directions.internal).toBe("Within the team");
  });
});
