import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

export const GASTRAUM = "Morgenrot – Umbau Gastraum";

/** Opens a project's contact history the way a person does: from the projects list. */
export async function openHistory(page: Page, project = GASTRAUM) {
  await page.goto("/projects");
  await page.getByRole("link", { name: new RegExp(project) }).click();
  await page.getByRole("link", { name: "History", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Contact history" })).toBeVisible();
}

/** The editor is tiptap: click into it and type like a person. */
export async function typeNotes(page: Page, text: string) {
  await page.locator(".ProseMirror").click();
  await page.keyboard.type(text);
}
