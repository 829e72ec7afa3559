import { describe, expect, it } from "vitest";
import { clientRoute, clientsRoute, consoleRoot, dedicatedPageRoute, isConsolePath, parseClientRoute, parseConsolePage, parseConsolePath, realmRoute, routeHref, sameRoute } from "../../../../src/core/keycloak/console-routes.js";

const UUID = "9e42a103-b6eb-4fc0-86a5-f3c2a0b18ea9";

describe("client routes of the admin console", () => {
  it("reads hash routes: realm, client, tab, and the base for links to other tabs", () => {
    expect(parseClientRoute(`https://kc.example.com/admin/master/console/#/acme/clients/${UUID}/keys`)).toEqual({
      realm: "acme",
      clientUuid: UUID,
      tab: "keys",
      dedicatedScope: false,
      dedicatedPage: null,
      base: `#/acme/clients/${UUID}/`,
    });
    expect(parseClientRoute(`http://127.0.0.1:8080/admin/master/console/#/acme/clients/${UUID}`)?.tab).toBe("settings");
    expect(parseClientRoute(`http://kc/admin/master/console/#/acme/clients/${UUID}/clientScopes/dedicated/mappers`)).toMatchObject({
      tab: "clientScopes",
      dedicatedScope: true,
      dedicatedPage: { kind: "mappers" },
    });
    const page = (suffix: string) => parseClientRoute(`http://kc/admin/master/console/#/acme/clients/${UUID}/clientScopes/${suffix}`)?.dedicatedPage;
    expect(page("dedicated")).toEqual({ kind: "mappers" });
    expect(page("dedicated/scope")).toEqual({ kind: "scope" });
    expect(page("dedicated/mappers/af53b214-c7fc-4ad1-97b6-04d3b1c29fba/edit")).toEqual({ kind: "mapper", mapper: "af53b214-c7fc-4ad1-97b6-04d3b1c29fba", mode: "edit" });
    expect(page("dedicated/mappers/saml-user-property-mapper/new")).toEqual({ kind: "mapper", mapper: "saml-user-property-mapper", mode: "new" });
    // Keycloak 24–25 leave the mode out: a mapper id is an existing mapper, a mapper type a new one.
    expect(page("dedicated/mappers/af53b214-c7fc-4ad1-97b6-04d3b1c29fba")).toEqual({ kind: "mapper", mapper: "af53b214-c7fc-4ad1-97b6-04d3b1c29fba", mode: "edit" });
    expect(page("dedicated/mappers/saml-user-property-mapper")).toEqual({ kind: "mapper", mapper: "saml-user-property-mapper", mode: "new" });
    expect(page("setup")).toBeNull();
  });

  it("reads path routes after /admin/<realm>/console/, behind a context path too", () => {
    expect(parseClientRoute(`https://kc.example.com/auth/admin/master/console/acme/clients/${UUID}/advanced`)).toMatchObject({
      realm: "acme",
      tab: "advanced",
      base: `/auth/admin/master/console/acme/clients/${UUID}/`,
    });
  });

  it("is not a client route on the clients list, the create and import pages, or outside the console", () => {
    for (const url of [
      "http://kc/admin/master/console/#/acme/clients",
      "http://kc/admin/master/console/#/acme/clients/add-client",
      "http://kc/admin/master/console/#/acme/clients/import-client",
      "http://kc/admin/master/console/#/acme/client-scopes",
      `http://kc/realms/acme/clients/${UUID}/settings`,
      "not a url",
    ]) {
      expect(parseClientRoute(url), url).toBeNull();
    }
  });

  it("treats another tab or another client as a new route", () => {
    const settings = parseClientRoute(`http://kc/admin/master/console/#/acme/clients/${UUID}/settings`);
    expect(sameRoute(settings, parseClientRoute(`http://kc/admin/master/console/#/acme/clients/${UUID}/settings?x=1`))).toBe(true);
    expect(sameRoute(settings, parseClientRoute(`http://kc/admin/master/console/#/acme/clients/${UUID}/keys`))).toBe(false);
    expect(sameRoute(settings, null)).toBe(false);
  });
});

describe("the Clients list page", () => {
  it("is the list at `clients` and at its own tab route `clients/list`, in hash and path routes", () => {
    expect(parseConsolePage("http://kc/admin/master/console/#/acme/clients")).toEqual({ kind: "clients", realm: "acme" });
    expect(parseConsolePage("http://kc/admin/master/console/#/acme/clients/list")).toEqual({ kind: "clients", realm: "acme" });
    expect(parseConsolePage("https://kc/auth/admin/master/console/acme/clients/list")).toEqual({ kind: "clients", realm: "acme" });
    expect(parseConsolePage("http://kc/admin/master/console/#/acme/clients/initialAccessToken").kind).toBe("other");
  });
});

describe("building console routes", () => {
  const tabs = ["settings", "keys", "advanced", "clientScopes", "clientScopes/dedicated", "clientScopes/dedicated/mappers/saml-user-property-mapper/new"];

  it("builds a client's route that parses back to the same client and tab, under the hash router", () => {
    for (const tab of tabs) {
      const url = `https://kc.example.com/admin/master/console/${routeHref(null, clientRoute("acme", UUID, tab))}`;
      const route = parseClientRoute(url);
      expect(route, url).toMatchObject({ realm: "acme", clientUuid: UUID, tab: tab.split("/")[0], base: `#/acme/clients/${UUID}/` });
      expect(route?.base + tab, url).toBe(`#/${clientRoute("acme", UUID, tab)}`);
    }
  });

  it("builds the same route under the path router, behind a context path too", () => {
    for (const base of ["https://kc.example.com", "https://kc.example.com/auth", "https://kc.example.com/auth/"]) {
      const root = consoleRoot(base);
      const path = parseConsolePath(new URL(root).pathname);
      expect(path, base).toEqual({ keycloakBase: new URL(root).pathname.replace(/\/admin\/master\/console$/, ""), root: new URL(root).pathname, loginRealm: "master", rest: "" });
      for (const tab of tabs) {
        const url = routeHref(root, clientRoute("acme", UUID, tab));
        const route = parseClientRoute(url);
        expect(route, url).toMatchObject({ realm: "acme", clientUuid: UUID, tab: tab.split("/")[0] });
        expect(`${new URL(root).origin}${route?.base ?? ""}${tab}`, url).toBe(url);
      }
    }
  });

  it("encodes the realm and the client, and reads them back decoded", () => {
    const route = clientRoute("my realm/ü", UUID.toUpperCase(), "keys");
    expect(route).toBe(`my%20realm%2F%C3%BC/clients/${UUID.toUpperCase()}/keys`);
    expect(parseClientRoute(`http://kc/admin/master/console/${routeHref(null, route)}`)).toMatchObject({ realm: "my realm/ü", clientUuid: UUID, tab: "keys" });
    expect(parseConsolePage(`http://kc/admin/master/console/${routeHref(null, clientsRoute("my realm"))}`)).toEqual({ kind: "clients", realm: "my realm" });
    expect(parseConsolePage(routeHref(consoleRoot("https://kc/auth"), realmRoute("acme", "clients/import-client")))).toEqual({ kind: "import-client", realm: "acme" });
  });

  it("finds the console's root, login realm and Keycloak base in a path or a whole URL", () => {
    expect(parseConsolePath("/auth/admin/master/console/acme/clients")).toEqual({ keycloakBase: "/auth", root: "/auth/admin/master/console", loginRealm: "master", rest: "/acme/clients" });
    expect(parseConsolePath("https://kc.example.com/admin/other/console/")).toEqual({ keycloakBase: "https://kc.example.com", root: "https://kc.example.com/admin/other/console", loginRealm: "other", rest: "/" });
    expect(consoleRoot("https://kc.example.com//", "my realm")).toBe("https://kc.example.com/admin/my%20realm/console");
    for (const path of ["/admin/master/console", "/admin/master/console/", "/kc/admin/master/console/#/acme"]) expect(isConsolePath(path), path).toBe(true);
    for (const path of ["/admin/master/consoles", "/admin/console/", "/realms/acme/account", "/"]) {
      expect(isConsolePath(path), path).toBe(false);
      expect(parseConsolePath(path), path).toBeNull();
    }
  });

  it("builds each dedicated-scope page's route so that parsing it gives the page back", () => {
    const pages = [
      { kind: "mappers" },
      { kind: "scope" },
      { kind: "mapper", mapper: "saml-user-property-mapper", mode: "new" },
      { kind: "mapper", mapper: "a/b c", mode: "edit" },
    ] as const;
    for (const page of pages) {
      const route = parseClientRoute(`http://kc/admin/master/console/#/acme/clients/9e42a103-b6eb-4fc0-86a5-f3c2a0b18ea9/${dedicatedPageRoute(page)}`);
      expect(route?.dedicatedPage, JSON.stringify(page)).toEqual(page);
    }
  });
});
