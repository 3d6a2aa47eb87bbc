/**
 * Full-page screenshots of every console page at 1440 and 1920 px wide, signed in as an
 * admin, in Debian's Chromium, against a running console (e.g. `npm run demo`). Not run in
 * CI: its output is for a person to look at, and the page heights it prints are what the
 * account page's layout work is measured by.
 *
 *   npx tsx scripts/screenshots.ts --url http://localhost:3000 --email admin@parapet.local --password ... [--out .scratch/screenshots]
 *
 * The output folder is git-ignored (.scratch/). Ids of an account, an item, a finding, a
 * record and a user are read from the pages themselves, so the script needs no database.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "playwright-core";

function argument(name: string, fallback?: string): string {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? process.argv[index + 1] : fallback;
  if (!value) throw new Error(`missing --${name}`);
  return value;
}

const baseUrl = argument("url").replace(/\/$/, "");
const email = argument("email");
const password = argument("password");
const outDir = path.resolve(argument("out", ".scratch/screenshots"));
const chromiumPath = argument("chromium", "/usr/bin/chromium");
const WIDTHS = [1440, 1920];

/** The first link on `from` whose href matches, as a path; null when the page has none. */
async function firstHref(page: Page, from: string, pattern: RegExp): Promise<string | null> {
  await page.goto(`${baseUrl}${from}`);
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  return hrefs.find((href) => pattern.test(href)) ?? null;
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("heading", { name: "Overview" }).waitFor();

  const account = await firstHref(page, "/accounts", /^\/accounts\/\d{12}$/);
  const item = account ? await firstHref(page, account, /^\/accounts\/\d{12}\/items\/[A-Z]+-\d+/) : null;
  const record = item ? await firstHref(page, item, /^\/accounts\/\d{12}\/records\//) : null;
  // A finding's detail page is its record page, opened from the explorer (with the way back).
  const finding = await firstHref(page, "/findings", /^\/accounts\/\d{12}\/records\/finding\/.*\?from=/);
  const user = await firstHref(page, "/users", /^\/users\/[^/?]+$/);
  const pages: Array<[string, string | null]> = [
    ["overview", "/"],
    ["accounts", "/accounts"],
    ["account", account],
    ["account-edit", account ? `${account}/edit` : null],
    ["item", item],
    ["log-01", account ? `${account}/items/LOG-01` : null],
    ["record", record],
    ["findings", "/findings"],
    ["finding", finding],
    ["checklist", "/checklist"],
    ["collection", "/collection"],
    ["risk-acceptances", "/risk-acceptances"],
    ["reports", "/reports"],
    ["audit", "/audit"],
    ["users", "/users"],
    ["user", user],
    ["settings-account", "/settings/account"],
    ["settings-sso", "/settings/sso"],
    ["settings-tokens", "/settings/tokens"],
    ["not-found", "/no-such-page"],
  ];
  const heights: Record<string, Record<number, number>> = {};
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const [name, href] of pages) {
      if (!href) {
        console.log(`${name}: no link found, skipped`);
        continue;
      }
      await page.goto(`${baseUrl}${href}`, { waitUntil: "networkidle" });
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      (heights[name] ??= {})[width] = height;
      await page.screenshot({ path: path.join(outDir, `${name}-${width}.png`), fullPage: true });
      console.log(`${name} ${href} @${width}: ${height} px`);
    }
  }
  writeFileSync(path.join(outDir, "heights.json"), JSON.stringify(heights, null, 2));
  await browser.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
