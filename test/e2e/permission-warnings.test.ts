/**
 * What Chrome shows at install, asked of Debian Chromium itself (`chrome.management.getPermissionWarningsByManifest`,
 * which any extension page may call) for the manifest the build writes, and compared with what the README's
 * Permissions section tells users. The test build's manifest differs from the release's only by the pre-granted
 * 127.0.0.1 host permission (build.mjs `--test`), which is removed here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROME_BUILD, CHROMIUM, launchChromiumWithExtension, requireBrowser, ROOT, tempProfile } from "./support/browsers.js";

requireBrowser(CHROMIUM);

describe("Chromium: the install-time permission warnings", () => {
  let profile: { dir: string; remove: () => Promise<void> };
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    profile = await tempProfile("permission-warnings");
    let extensionId: string;
    ({ context, extensionId } = await launchChromiumWithExtension(profile.dir));
    page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
  });

  afterAll(async () => {
    await context?.close();
    await profile?.remove();
  });

  const warningsOf = (manifest: Record<string, unknown>) =>
    page.evaluate((text) => new Promise<string[]>((resolve) => chrome.management.getPermissionWarningsByManifest(text, resolve)), JSON.stringify(manifest));

  it("are exactly the one the README quotes, and come from devtools_page alone", async () => {
    const { host_permissions: testHosts, ...release } = JSON.parse(readFileSync(join(CHROME_BUILD, "manifest.json"), "utf8")) as Record<string, unknown>;
    expect(testHosts).toEqual(["http://127.0.0.1/*"]);
    const warnings = await warningsOf(release);
    expect(warnings).toEqual(["Read and change all your data on all websites"]);

    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Permissions"), readme.indexOf("## Command line"));
    const quoted = /Chrome \(from the Web Store\) lists one warning: \*\*"([^"]+)"\*\*/.exec(section.replace(/\s+/g, " "))?.[1];
    expect(quoted).toBe(warnings[0]);

    const { devtools_page: devtoolsPage, ...withoutPanel } = release;
    expect(devtoolsPage).toBe("devtools.html");
    expect(await warningsOf(withoutPanel)).toEqual([]);
  });
});
