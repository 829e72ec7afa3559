/**
 * A console release the selectors do not know (issue 10, "Keycloak console changes"). The real console 26.7.4 is
 * changed in the browser, the lightest way that looks like a new release to the overlay: a test-only page script
 * (`page.addInitScript`, main world, before the console's own code) renames the id of one field the overlay expects
 * as the console renders it. The field still works for the user; the overlay just no longer finds it by its selector.
 */
import type { Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import { type Harness } from "../harness/index.js";
import { requireBrowser, CHROMIUM, until } from "./support/browsers.js";
import { BROKEN_CLIENT, openClient, summaryState, waitForBadge, useOverlayConsole, overlaySettled } from "./support/overlay.js";

requireBrowser(CHROMIUM);

/** Gives every element with id `from` the id `to` as soon as the console renders it. */
async function renameIdOnRender(page: Page, from: string, to: string): Promise<void> {
  await page.addInitScript(
    ([oldId, newId]) => {
      const rename = () => {
        for (const element of Array.from(document.querySelectorAll(`[id="${oldId}"]`))) element.id = newId;
      };
      new MutationObserver(rename).observe(document, { childList: true, subtree: true });
    },
    [from, to] as const,
  );
}

const badges = (page: Page) => page.locator('[data-saml-lens="badge"]');

describe("a console the overlay does not recognise", () => {
  const bench = useOverlayConsole({ locale: "en" });
  let harness: Harness;
  let page: Page;
  beforeEach(() => {
    ({ harness, page } = bench);
  });

  it("says so in the card and shows no badge on the tab where an expected field is missing; other tabs keep theirs", async () => {
    await renameIdOnRender(page, "clientId", "client-id-renamed");
    await openClient(page, harness, BROKEN_CLIENT, "settings");
    await until(async () => (await summaryState(page)) === "unrecognised", "the card's unrecognised state", 15_000);
    // The change happened: the console's Client ID field is there, under an id the overlay does not know.
    expect(await page.locator('[id="client-id-renamed"]').inputValue()).toBe("https://sentry.acme.test/saml/metadata/acme-broken");
    expect(await page.locator('[id="clientId"]').count()).toBe(0);
    const problem = page.locator('[data-saml-lens="summary"] .problem');
    expect(await problem.textContent()).toContain("This console version is not recognised");
    expect(await problem.getAttribute("data-missing")).toBe("Client ID");
    // The fields that still match (Sign documents, Front channel logout, …) get no badge either, and no Fix all.
    expect(await page.locator('[id="attributes.saml🍺server🍺signature"]').count()).toBe(1);
    expect(await badges(page).count()).toBe(0);
    expect(await page.locator('[data-saml-lens="summary"] [data-action="fix-all"]').count()).toBe(0);
    // The findings still come from the client the console loaded.
    const findings = await page.locator('[data-saml-lens="summary"] li').evaluateAll((items) => items.map((item) => item.getAttribute("data-finding")));
    expect(findings).toContain("client.signing");

    await page.locator('[data-testid="keysTab"]').click();
    await waitForBadge(page, "attributes.saml.client.signature", "error");
    expect(await summaryState(page)).toBe("error");
  });

  it("a field that is missing only for a moment (the tab still rendering) does not count", async () => {
    // The id comes back 1 s after the console renders the field, well inside the render grace period.
    await page.addInitScript(() => {
      const seen = new WeakSet<Element>();
      new MutationObserver(() => {
        const field = document.querySelector('[id="clientSignature"]');
        if (field === null || seen.has(field)) return;
        seen.add(field);
        field.id = "client-signature-later";
        setTimeout(() => (field.id = "clientSignature"), 1000);
      }).observe(document, { childList: true, subtree: true });
      // Every state the card shows, so a brief "unrecognised" would be seen too.
      const states: string[] = [];
      (window as unknown as { cardStates: string[] }).cardStates = states;
      setInterval(() => {
        const state = document.querySelector('[data-saml-lens="summary"]')?.getAttribute("data-state");
        if (state && states.at(-1) !== state) states.push(state);
      }, 20);
    });
    await openClient(page, harness, BROKEN_CLIENT, "keys");
    await waitForBadge(page, "attributes.saml.client.signature", "error");
    await waitForBadge(page, "attributes.saml.encrypt", "error");
    // Judged: the tab recognised (or not) once its grace period for fields still rendering is over.
    await overlaySettled(page);
    expect(await summaryState(page)).toBe("error");
    const states = await page.evaluate(() => (window as unknown as { cardStates: string[] }).cardStates);
    expect(states).not.toContain("unrecognised");
    expect(states.at(-1)).toBe("error");
  });
});
