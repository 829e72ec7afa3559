/**
 * The card and the badges outlive one client page: a route change to another client re-renders the same shadow hosts
 * (the overlay's main cost per route change was building them). What a user sees must not depend on that: after
 * switching clients, each client shows exactly what a fresh load of its page shows, nothing of the previous client
 * stays (an open popover, a badge, a finding), and a Fix in a reused badge fixes the client on screen.
 */
import type { Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import { type Harness } from "../harness/index.js";
import { requireBrowser, CHROMIUM, until } from "./support/browsers.js";
import { BROKEN_CLIENT, badgeSelector, clientPuts, fixField, openClient, SENTRY_CLIENT, waitForBadge, useOverlayConsole, overlaySettled } from "./support/overlay.js";

requireBrowser(CHROMIUM);

interface Shown {
  badges: Record<string, string | undefined>;
  findings: Array<string | null>;
  state: string | null;
}

/** Everything the overlay shows on the page once it has settled (the card checked, the badges placed). */
async function settledView(page: Page, uuid: string): Promise<Shown> {
  await page.waitForFunction(
    (id) => {
      const card = document.querySelector('[data-saml-lens="summary"]');
      return location.hash.includes(id) && card !== null && !["waiting"].includes(card.getAttribute("data-state") ?? "waiting") && document.querySelector('[data-saml-lens="badge"][data-field="clientId"]') !== null;
    },
    uuid,
    { timeout: 15_000, polling: 50 },
  );
  // Renders are at most every 100 ms: the last one has landed once the overlay has nothing left to do.
  await overlaySettled(page);
  return page.evaluate(() => ({
    badges: Object.fromEntries(Array.from(document.querySelectorAll<HTMLElement>('[data-saml-lens="badge"]'), (host) => [host.dataset.field ?? "", host.dataset.state])),
    findings: Array.from(document.querySelectorAll('[data-saml-lens="summary"]'), (card) => card.shadowRoot?.querySelectorAll("li") ?? [])
      .flatMap((items) => Array.from(items, (item) => item.getAttribute("data-finding")))
      .sort(),
    state: document.querySelector('[data-saml-lens="summary"]')?.getAttribute("data-state") ?? null,
  }));
}

const goToClient = (page: Page, uuid: string) => page.evaluate((id) => (location.hash = `#/acme/clients/${id}/settings`), uuid);

describe("overlay: the card and badges across route changes (en)", () => {
  const bench = useOverlayConsole({ locale: "en" });
  let harness: Harness;
  let page: Page;
  beforeEach(() => {
    ({ harness, page } = bench);
  });

  it("each client shows what a fresh load shows, and a Fix after switching fixes the client on screen", async () => {
    // What each client's page shows on a fresh load.
    await openClient(page, harness, SENTRY_CLIENT, "settings");
    const sentryFresh = await settledView(page, SENTRY_CLIENT);
    await openClient(page, harness, BROKEN_CLIENT, "settings");
    await waitForBadge(page, "frontchannelLogout", "warning");
    const brokenFresh = await settledView(page, BROKEN_CLIENT);
    expect(brokenFresh.badges.clientId).toBe("error");
    expect(brokenFresh).not.toEqual(sentryFresh);

    // A popover left open on one client must not follow the user to the next one.
    const clientIdBadge = page.locator(badgeSelector("clientId"));
    await clientIdBadge.locator("button.badge").click();
    await until(async () => (await clientIdBadge.locator(".popover").evaluate((popover) => popover.matches(":popover-open"))) || undefined, "the open popover");
    await clientIdBadge.evaluate((host) => ((host as HTMLElement & { seenBefore?: boolean }).seenBefore = true));

    await goToClient(page, SENTRY_CLIENT);
    expect(await settledView(page, SENTRY_CLIENT)).toEqual(sentryFresh);
    expect(await page.locator('[data-saml-lens="badge"] .popover:popover-open').count()).toBe(0);
    // The same badge element, now about the other client (what makes a route change cheap).
    expect(await page.locator(badgeSelector("clientId")).evaluate((host) => (host as HTMLElement & { seenBefore?: boolean }).seenBefore === true)).toBe(true);

    await goToClient(page, BROKEN_CLIENT);
    expect(await settledView(page, BROKEN_CLIENT)).toEqual(brokenFresh);

    // Fix in a badge that served the other client in between: it writes this client's form, the user's Save sends it.
    await fixField(page, "attributes.saml.server.signature");
    await waitForBadge(page, "attributes.saml.server.signature", "ok");
    const before = clientPuts(harness, BROKEN_CLIENT).length;
    await page.locator('[data-testid="settings-save"]').click();
    const saved = await until(async () => clientPuts(harness, BROKEN_CLIENT)[before], "the PUT of the broken client");
    expect((saved.attributes as Record<string, unknown>)["saml.server.signature"]).toBe("true");
    expect(clientPuts(harness, SENTRY_CLIENT)).toEqual([]);
  });

  it("the shared style sheet styles every badge and the card", async () => {
    await openClient(page, harness, BROKEN_CLIENT, "settings");
    await waitForBadge(page, "clientId", "error");
    const looks = await page.evaluate(() => {
      const badges = Array.from(document.querySelectorAll('[data-saml-lens="badge"]'), (host) => host.shadowRoot?.querySelector("button.badge"));
      const card = document.querySelector('[data-saml-lens="summary"]')?.shadowRoot?.querySelector(".card");
      return {
        badges: badges.map((button) => (button == null ? null : [getComputedStyle(button).display, getComputedStyle(button).borderTopLeftRadius])),
        card: card == null ? null : getComputedStyle(card).borderLeftWidth,
      };
    });
    expect(looks.badges.length).toBeGreaterThanOrEqual(7);
    for (const look of looks.badges) expect(look).toEqual(["inline-flex", "999px"]);
    expect(looks.card).toBe("4px");
  });
});
