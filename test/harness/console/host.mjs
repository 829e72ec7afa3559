// The page that mounts the real Keycloak admin console (@keycloak/keycloak-admin-ui) the way the server's own
// index.html does: environment JSON in the page, i18next fetching `/resources/{realm}/admin/{lang}`, a hash router over
// the console's routes with its App as the root element.
//
// Plain JS on purpose: esbuild bundles it against whichever console version is being built, and its imports resolve
// inside that version's package tree (some of them nested under the console package), which tsc cannot see.
//
// The one thing not done like the server: no keycloak-js login. KeycloakProvider takes an already "logged-in"
// keycloak object, so the console starts without the OIDC endpoints of the master realm.
import "@patternfly/patternfly/patternfly-addons.css";
import "@patternfly/react-core/dist/styles/base.css";
import "@keycloak/keycloak-admin-ui/styles.css";
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import { createHashRouter, RouterProvider } from "react-router-dom";
import { createInstance } from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";
import { AdminUi, KeycloakProvider, routes } from "@keycloak/keycloak-admin-ui";

const environment = JSON.parse(document.getElementById("environment").textContent);

// The console's own i18n setup (apps/admin-ui/src/i18n/i18n.ts): the language itself comes later, from whoami.locale.
const i18n = createInstance({
  fallbackLng: "en",
  keySeparator: ".",
  nsSeparator: false,
  interpolation: { escapeValue: false },
  defaultNS: [environment.realm],
  ns: [environment.realm],
  backend: {
    loadPath: `${environment.adminBaseUrl}/resources/{{ns}}/admin/{{lng}}`,
    parse: (data) => Object.fromEntries(JSON.parse(data).map(({ key, value }) => [key, value])),
  },
});
i18n.use(FetchBackend);
i18n.use(initReactI18next);

const now = Math.floor(Date.now() / 1000);
const claims = {
  exp: now + 24 * 3600,
  iat: now,
  iss: `${environment.serverBaseUrl}/realms/${environment.realm}`,
  azp: environment.clientId,
  sub: "harness-admin",
  preferred_username: "admin",
  name: "Harness Admin",
};
const keycloak = {
  authenticated: true,
  token: "fake-admin-token",
  tokenParsed: claims,
  idTokenParsed: claims,
  realm: environment.realm,
  clientId: environment.clientId,
  updateToken: async () => false,
  login: async () => {},
  logout: async () => {},
  accountManagement: async () => {},
};

const router = createHashRouter([{ path: "/", element: createElement(AdminUi), children: routes }]);

await i18n.init();
createRoot(document.getElementById("app")).render(
  createElement(KeycloakProvider, { environment, keycloak }, createElement(RouterProvider, { router })),
);
