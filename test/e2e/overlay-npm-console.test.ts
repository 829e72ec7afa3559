/**
 * The overlay on the console releases npm has and no served Keycloak server brings: 26.6.2 (Maven Central serves no
 * 26.6.x server here). Its package depends on a `@keycloak/keycloak-ui-shared` 26.6.2 that was never published; the
 * bench installs it with 26.6.1 standing in (test/harness/console/build.ts). The other lines' consoles are checked
 * on their own servers (test/keycloak/console-releases.test.ts) or are the pinned one.
 */
import type { Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import type { Harness } from "../harness/index.js";
import { requireBrowser, CHROMIUM, until } from "./support/browsers.js";
import { BROKEN_CLIENT, clientPuts, fixField, openClient, SENTRY_CLIENT, summaryState, useOverlayConsole, waitForBadge } from "./support/overlay.js";

requireBrowser(CHROMIUM);
export const NPM_ONLY_CONSOLES = ["26.6.2"] as const;

const SETTINGS_FIELDS = [
  { field: "clientId", state: "error" },
  { field: "redirectUris", state: "error" },
  { field: "attributes.saml.server.signature", state: "error" },
  { field: "attributes.saml.force.post.binding", state: "warning" },
  { field: "attributes.saml_name_id_format", state: "suggestion" },
] as const;

describe.each(NPM_ONLY_CONSOLES)("the overlay on the npm console %s", (consoleVersion) => {
  const bench = useOverlayConsole({ locale: "en", consoleVersion });
  let harness: Harness;
  let page: Page;
  beforeEach(() => {
    ({ harness, page } = bench);
  });

  it("Settings: the console is recognised, each field is badged, Fix and the user's Save send the corrected client", async () => {
    expect(harness.console.version).toBe(consoleVersion);
    await openClient(page, harness, BROKEN_CLIENT, "settings");
    for (const { field, state } of SETTINGS_FIELDS) await waitForBadge(page, field, state, 20_000);
    expect(await summaryState(page)).toBe("error");
    expect(await page.locator('[data-saml-lens="summary"]').innerText()).not.toContain("not recognised");
    for (const { field } of SETTINGS_FIELDS) {
      await fixField(page, field);
      await waitForBadge(page, field, "ok");
    }
    await page.locator('[data-testid="settings-save"]').click();
    const body = await until(async () => clientPuts(harness, BROKEN_CLIENT)[0], "the user's Save");
    expect(body.clientId).toBe("https://sentry.acme.test/saml/metadata/acme-broken/");
    expect(body.redirectUris).toContain("https://sentry.acme.test/saml/acs/acme-broken/");
    expect(body.attributes).toMatchObject({ "saml.server.signature": "true", "saml.force.post.binding": "true", saml_name_id_format: "email" });
  });

  it("Keys, Advanced and Client scopes: each tab's badges", async () => {
    await openClient(page, harness, BROKEN_CLIENT, "keys");
    await waitForBadge(page, "attributes.saml.client.signature", "error", 20_000);
    await openClient(page, harness, BROKEN_CLIENT, "advanced");
    await waitForBadge(page, "attributes.saml_assertion_consumer_url_post", "warning", 20_000);
    // The tab as the overlay's links open it (its Setup sub-route, opened directly, draws an empty tab on 26.6.2).
    await openClient(page, harness, SENTRY_CLIENT, "clientScopes");
    await waitForBadge(page, "scope:role_list", "error", 20_000);
    await waitForBadge(page, "scope:dedicated", "error");
  });
});
