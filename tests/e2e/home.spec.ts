import { expect, test } from "./support/fixtures";

const GASTRAUM = "Morgenrot – Umbau Gastraum";
const EMPFANG = "Brandt – Empfang";
const TERRASSE = "Morgenrot – Terrasse";
/** The nine marker words, newest first (DEMO_WORLD.md; 2 to 21 days ago). */
const NEWEST_FIRST = [
  "MAPLE",
  "GLACIER",
  "OSPREY",
  "TUNDRA",
  "QUARTZ",
  "LUPIN",
  "BIRCH",
  "KESTREL",
  "AURORA",
];
const ANY_MARKER = new RegExp(NEWEST_FIRST.join("|"));

// Earlier stories log entries of their own (today, so newer than the demo's), which is why
// these look at the demo's marker words among the entries rather than at every row.

test("Anna's home is her working day: her three projects, then the newest entries", async ({
  page,
  login,
}) => {
  await login("anna");
  await expect(page).toHaveURL("/");
  const projects = page.getByTestId("home-project");
  await expect(projects).toHaveCount(3);
  for (const name of [GASTRAUM, TERRASSE, EMPFANG]) {
    await expect(projects.filter({ hasText: name })).toHaveCount(1);
  }
  // Each names its account and its latest activity.
  const gastraum = projects.filter({ hasText: GASTRAUM });
  await expect(gastraum).toContainText("Café Morgenrot GmbH");
  await expect(gastraum.getByTestId("home-project-latest")).not.toBeEmpty();

  const entries = page.getByTestId("home-entries").getByRole("link");
  await expect(entries.first()).toBeVisible();
  expect(await entries.count()).toBeLessThanOrEqual(10);
  // Newest first, whoever logged them (earlier stories may have filled the list with their own).
  const times = await page
    .getByTestId("home-entries")
    .locator("time")
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("datetime") ?? ""));
  expect(times.length).toBeGreaterThan(0);
  expect([...times].sort().reverse()).toEqual(times);
  // The demo's entries among them come in their order, MAPLE (two days ago) first.
  const shown = (await entries.filter({ hasText: ANY_MARKER }).allTextContents()).map((text) =>
    NEWEST_FIRST.find((word) => text.includes(word))!,
  );
  expect(shown).toEqual(NEWEST_FIRST.slice(0, shown.length));

  // An entry opens its page (a redacted one has no subject to name it by).
  const first = page.getByTestId("home-entries").getByTestId("home-entry").first();
  const subject = (await first.locator("span.font-semibold").first().innerText()).trim();
  await first.click();
  await expect(page.getByRole("heading", { level: 2, name: subject })).toBeVisible();
});

test("Eva's home shows Umbau Gastraum only, and of the demo's entries 1, 4 and 6", async ({
  page,
  login,
}) => {
  await login("eva");
  const projects = page.getByTestId("home-project");
  await expect(projects).toHaveCount(1);
  await expect(projects).toContainText(GASTRAUM);
  const entries = page.getByTestId("home-entries").getByRole("link");
  await expect(entries.filter({ hasText: ANY_MARKER })).toHaveCount(3);
  for (const word of ["AURORA", "LUPIN", "MAPLE"]) {
    await expect(entries.filter({ hasText: word })).toHaveCount(1);
  }
  const main = page.getByRole("main");
  for (const hidden of [EMPFANG, TERRASSE, "KESTREL", "BIRCH", "OSPREY", "QUARTZ", "GLACIER"]) {
    await expect(main.getByText(hidden)).toHaveCount(0);
  }
});

test("a project opened again shows nothing new; another party's entry then counts as new", async ({
  page,
  login,
  openBrowser,
}) => {
  await login("lena");
  // Opening Gastraum's timeline is the visit home compares against.
  await page.getByTestId("home-project").filter({ hasText: GASTRAUM }).click();
  await expect(page.getByRole("heading", { name: "Contact history" })).toBeVisible();
  await page.goto("/");
  const gastraum = page.getByTestId("home-project").filter({ hasText: GASTRAUM });
  await expect(gastraum).toBeVisible();
  await expect(gastraum.getByTestId("home-project-new")).toHaveCount(0);

  // Jonas logs a note for all members of the project.
  const jonas = await openBrowser();
  await login("jonas", { page: jonas.page });
  await jonas.page.getByTestId("home-project").filter({ hasText: GASTRAUM }).click();
  await jonas.page.getByRole("link", { name: "Add a note" }).click();
  await jonas.page.getByLabel("Subject").fill("Holzmuster angekommen SEQUOIA");
  await jonas.page.getByRole("radio", { name: /All members/ }).check();
  await jonas.page.getByRole("button", { name: "Save note" }).click();
  await expect(jonas.page.getByRole("heading", { name: /SEQUOIA/ })).toBeVisible();

  await page.reload();
  await expect(gastraum.getByTestId("home-project-new")).toHaveText("1 new");
  await expect(gastraum.getByTestId("home-project-latest")).toHaveText(
    "Holzmuster angekommen SEQUOIA",
  );
  const entry = page.getByTestId("home-entries").getByRole("link", { name: /SEQUOIA/ });
  await expect(entry.getByTestId("new-badge")).toBeVisible();
});
