import path from "node:path";
import type { Page } from "@playwright/test";

/** A full-page screenshot of what the reader sees, once the fonts are in, under `folder`. */
export async function shoot(page: Page, folder: string, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({
    path: path.join(path.resolve(folder), `${name}.png`),
    fullPage: true,
    animations: "disabled",
    caret: "hide",
  });
}
