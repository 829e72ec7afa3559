/**
 * Going somewhere in the console the way its own links do: under the router the console uses (hash routes, or paths
 * after `/admin/<realm>/console/`), so the console renders the page in place and the overlay follows the route.
 */
import type { FixTarget } from "./fix-plan.js";
import { dedicatedPageRoute, parseConsolePath, realmRoute, routeHref, type ClientRoute } from "../core/keycloak/console-routes.js";
import { consoleRoute } from "./scope-selectors.js";

/** `state`: the history entry's state to push with a path route (the client's own pages keep the console's). */
function go(target: string, state: unknown): void {
  if (target.startsWith("#")) {
    location.hash = target;
    return;
  }
  history.pushState(state, "", target);
  window.dispatchEvent(new PopStateEvent("popstate", state === null ? {} : { state }));
}

/** A fix target's page, relative to the client's route (as 26 writes it; `consoleRoute` adapts it to older consoles). */
export function targetPage(target: FixTarget): string {
  switch (target.kind) {
    case "new-mapper":
      return dedicatedPageRoute({ kind: "mapper", mapper: target.mapperType, mode: "new" });
    case "mapper":
      return dedicatedPageRoute({ kind: "mapper", mapper: target.mapperId, mode: "edit" });
    case "dedicated-scope":
      return dedicatedPageRoute({ kind: "mappers" });
    case "client-scopes":
      // The tab, not its Setup sub-route: every release opens Setup by default; 24–25 have no sub-route, and the
      // 26.6 console draws an empty tab for it.
      return "clientScopes";
  }
}

/** Another console page of the same client (`suffix` relative to the client's route, e.g. `clientScopes/dedicated`). */
export function navigateWithinClient(route: ClientRoute, suffix: string): void {
  go(route.base + consoleRoute(document, suffix), history.state);
}

/** Another console page of this realm (`route` such as `clients/import-client`). */
export function navigateInRealm(realm: string, route: string): void {
  const target = realmRoute(realm, route);
  if (location.hash.startsWith("#/")) {
    go(routeHref(null, target), null);
    return;
  }
  go(routeHref(parseConsolePath(location.pathname)?.root ?? "", target), null);
}
