/**
 * The README's screenshots are an explicit step (`npm run screenshots`, which sets SAML_LENS_SCREENSHOTS=1), never a
 * side effect of `npm test`: tracked files in docs/screenshots/ change only when someone asks for it.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { ROOT } from "../../harness/paths.js";

export const SCREENSHOTS_DIR = join(ROOT, "docs/screenshots");

export function takingScreenshots(): boolean {
  return process.env.SAML_LENS_SCREENSHOTS === "1";
}

/** Writes docs/screenshots/<name>.png of the page (or of one element) when screenshots were asked for. */
export async function docsScreenshot(target: Page | Locator, name: string): Promise<void> {
  if (!takingScreenshots()) return;
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await target.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), scale: "css" });
}
