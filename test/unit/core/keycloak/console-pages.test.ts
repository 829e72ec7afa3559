import { describe, expect, it } from "vitest";
import { parseConsolePage } from "../../../../src/core/keycloak/console-routes.js";

const UUID = "9e42a103-b6eb-4fc0-86a5-f3c2a0b18ea9";

describe("the console pages the setup wizard works on", () => {
  it("tells the Clients list and Import client apart, with hash and path routes", () => {
    expect(parseConsolePage("http://kc/admin/master/console/#/acme/clients")).toEqual({ kind: "clients", realm: "acme" });
    expect(parseConsolePage("http://kc/admin/master/console/#/acme/clients/import-client")).toEqual({ kind: "import-client", realm: "acme" });
    expect(parseConsolePage("https://kc/auth/admin/master/console/my%20realm/clients/")).toEqual({ kind: "clients", realm: "my realm" });
    expect(parseConsolePage("https://kc/auth/admin/master/console/acme/clients/import-client")).toEqual({ kind: "import-client", realm: "acme" });
  });

  it("gives a client's own pages with their route, and the realm of every other console page", () => {
    expect(parseConsolePage(`http://kc/admin/master/console/#/acme/clients/${UUID}/keys`)).toMatchObject({ kind: "client", realm: "acme", client: { clientUuid: UUID, tab: "keys" } });
    expect(parseConsolePage("http://kc/admin/master/console/#/acme/clients/add-client")).toEqual({ kind: "add-client", realm: "acme" });
    expect(parseConsolePage("http://kc/admin/master/console/#/acme/realm-settings")).toEqual({ kind: "other", realm: "acme" });
  });

  it("has no realm outside the console or before the console has routed", () => {
    for (const url of ["http://kc/admin/master/console/", "http://kc/realms/acme/account", "not a url"]) {
      expect(parseConsolePage(url), url).toEqual({ kind: "other", realm: null });
    }
  });
});
