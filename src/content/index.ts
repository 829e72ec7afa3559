/**
 * Content script, registered only for origins the user enabled. Does nothing unless the page is a Keycloak console;
 * on a console it shows the chip and runs the overlay only while the route is a client's page, tearing everything
 * down (listeners, observers, badges, card) through one AbortController when the route changes.
 */
import { showChip } from "./chip.js";
import { detectKeycloakConsole } from "./detect.js";
import { startClientOverlay } from "./overlay.js";
import { parseClientRoute, parseConsolePage, sameRoute, type ClientRoute } from "./route.js";
import { SetupWizard } from "./wizard/wizard.js";

const detected = detectKeycloakConsole(document, location.href);
if (detected !== null) {
  showChip(document);
  watchRoutes(keycloakBaseUrl(detected.consoleBaseUrl));
}

/** `http://kc/admin/master/console/` → `http://kc` (Keycloak's base, with `/auth` when the server still has it). */
function keycloakBaseUrl(consoleBaseUrl: string): string {
  const path = new URL(consoleBaseUrl, location.href).pathname.replace(/\/admin\/[^/]+\/console\/?.*$/, "");
  return `${location.origin}${path}`;
}

function watchRoutes(keycloakUrl: string): void {
  const wizard = new SetupWizard(document, { keycloakUrl });
  let current: ClientRoute | null = null;
  let session: AbortController | null = null;
  let lastUrl = "";
  const onUrl = () => {
    if (location.href === lastUrl) return;
    lastUrl = location.href;
    wizard.onPage(parseConsolePage(location.href));
    const route = parseClientRoute(location.href);
    if (sameRoute(route, current)) return;
    session?.abort();
    session = null;
    current = route;
    if (route === null) return;
    session = new AbortController();
    startClientOverlay(document, route, { keycloakUrl, onChecked: (uuid, remaining) => wizard.onChecked(uuid, remaining) }, session.signal);
  };
  onUrl();
  // The console routes with history.pushState, which fires no event: the Navigation API reports it where the browser
  // has it; elsewhere a cheap comparison of location.href stands in.
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (navigation !== undefined && typeof navigation.addEventListener === "function") {
    navigation.addEventListener("currententrychange", onUrl);
  } else {
    setInterval(onUrl, 250);
  }
  window.addEventListener("popstate", onUrl);
  window.addEventListener("hashchange", onUrl);
}
