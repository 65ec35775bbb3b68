import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

export const GASTRAUM = "Morgenrot – Umbau Gastraum";

const historyNames = {
  en: { tab: "History", heading: "Contact history" },
  de: { tab: "Kontakthistorie", heading: "Kontakthistorie" },
};

/**
 * Opens a project's contact history the way a person does: from the projects list, by the names
 * the reader's language gives the tab and the page (Eva and Paul chose German).
 */
export async function openHistory(page: Page, project = GASTRAUM, language: "en" | "de" = "en") {
  const names = historyNames[language];
  await page.goto("/projects");
  await page.getByRole("link", { name: new RegExp(project) }).click();
  await page.getByRole("link", { name: names.tab, exact: true }).click();
  await expect(
    page.getByRole("heading", { level: 2, name: names.heading, exact: true }),
  ).toBeVisible();
}

/** The editor is tiptap: click into it and type like a person. */
export async function typeNotes(page: Page, text: string) {
  await page.locator(".ProseMirror").click();
  await page.keyboard.type(text);
}
