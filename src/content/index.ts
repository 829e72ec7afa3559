/**
 * Content script, registered only for origins the user enabled. Does nothing unless the page is a Keycloak console;
 * on a console it shows the chip and runs the overlay only while the route is a client's page, tearing everything
 * down (listeners, observers, badges, card) through one AbortController when the route changes.
 */
import { showChip } from "./chip.js";
import { startClientsListMarkers } from "./clients-list.js";
import { detectKeycloakConsole } from "./detect.js";
import { startClientOverlay } from "./overlay/client-overlay.js";
import { parseClientRoute, parseConsolePage, parseConsolePath, sameRoute, type ClientRoute } from "../core/keycloak/console-routes.js";
import { WizardLauncher } from "./wizard/launcher.js";

const detected = detectKeycloakConsole(document, location.href);
if (detected !== null) {
  showChip(document);
  watchRoutes(keycloakBaseUrl(detected.consoleBaseUrl));
}

/** `http://kc/admin/master/console/` → `http://kc` (Keycloak's base, with `/auth` when the server still has it). */
function keycloakBaseUrl(consoleBaseUrl: string): string {
  const { pathname } = new URL(consoleBaseUrl, location.href);
  return `${location.origin}${parseConsolePath(pathname)?.keycloakBase ?? pathname}`;
}

function watchRoutes(keycloakUrl: string): void {
  const wizard = new WizardLauncher(document, keycloakUrl);
  let current: ClientRoute | null = null;
  /** The realm whose Clients list is shown, if it is. */
  let currentList: string | null = null;
  let session: AbortController | null = null;
  let lastUrl = "";
  const onUrl = () => {
    if (location.href === lastUrl) return;
    lastUrl = location.href;
    const page = parseConsolePage(location.href);
    wizard.onPage(page);
    const route = parseClientRoute(location.href);
    const list = page.kind === "clients" ? page.realm : null;
    if (sameRoute(route, current) && list === currentList) return;
    session?.abort();
    session = null;
    current = route;
    currentList = list;
    if (list !== null) {
      session = new AbortController();
      startClientsListMarkers(document, list, { keycloakUrl }, session.signal);
    }
    if (route === null) return;
    session = new AbortController();
    startClientOverlay(document, route, { keycloakUrl, onChecked: (uuid, remaining) => wizard.onChecked(uuid, remaining), onState: (state) => wizard.onOverlayState(state) }, session.signal);
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
