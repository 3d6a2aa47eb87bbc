import "server-only";
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { ReportData } from "./report-model";
import { renderPageChrome, renderReportHtml } from "./render-report-html";

export type PaperSize = "a4" | "letter";

export interface PrintedReport {
  pdf: Buffer;
  /** Page 1 (the summary) as PNG, for the Reports page's preview */
  preview: Buffer;
  pageCount: number;
}

/** Chromium's content width per paper at 96 px/in, minus the 14 mm side margins of the page CSS. */
const CONTENT_WIDTH_PX: Record<PaperSize, number> = {
  a4: Math.round(((210 - 28) / 25.4) * 96),
  letter: Math.round(((215.9 - 28) / 25.4) * 96),
};

/**
 * Prints the report with the system's Chromium (PARAPET_CHROMIUM, default Debian's
 * /usr/bin/chromium), started for this report and closed after it: nothing is downloaded,
 * nothing keeps running between weekly builds. Network access is blocked inside the page
 * (the HTML is self-contained), so a report cannot fetch anything.
 */
export async function printReportPdf(data: ReportData, paper: PaperSize): Promise<PrintedReport> {
  const executablePath = getEnv().PARAPET_CHROMIUM;
  if (!existsSync(executablePath)) {
    throw new AppError(
      "UNAVAILABLE",
      `cannot print reports: no Chromium at ${executablePath} (apt-get install chromium, or set PARAPET_CHROMIUM to a Chromium binary)`,
    );
  }
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: CONTENT_WIDTH_PX[paper], height: 1200 },
      deviceScaleFactor: 1.5,
    });
    await context.route("**/*", (route) => (route.request().url().startsWith("data:") ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.setContent(renderReportHtml(data), { waitUntil: "load" });
    await page.emulateMedia({ media: "print" });
    const chrome = renderPageChrome(data);
    const pdf = await page.pdf({
      format: paper === "a4" ? "A4" : "Letter",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: chrome.header,
      footerTemplate: chrome.footer,
      preferCSSPageSize: false,
      margin: { top: "18mm", bottom: "16mm", left: "14mm", right: "14mm" },
    });
    const preview = await page.locator("#summary").screenshot({ type: "png" });
    return { pdf, preview, pageCount: countPdfPages(pdf) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      "UNAVAILABLE",
      `Chromium could not print the report: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
    );
  } finally {
    await browser?.close().catch(() => {});
  }
}

/** Page objects in the PDF (`/Type /Page`, not `/Pages`). */
export function countPdfPages(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}
