import { describe, expect, it } from "vitest";
import { consoleClientUrl, descriptorUrlOfRealm, idpInitiatedSsoUrl, realmDescriptorUrl, realmUrl } from "../../../../src/core/keycloak/urls.js";

describe("Keycloak's addresses", () => {
  it("puts the realm descriptor below the realm, with or without trailing slashes and an /auth base", () => {
    for (const base of ["https://kc.example.com", "https://kc.example.com/", "https://kc.example.com///"]) {
      expect(realmDescriptorUrl(base, "acme"), base).toBe("https://kc.example.com/realms/acme/protocol/saml/descriptor");
    }
    for (const base of ["http://127.0.0.1:8080/auth", "http://127.0.0.1:8080/auth/"]) {
      expect(realmDescriptorUrl(base, "acme"), base).toBe("http://127.0.0.1:8080/auth/realms/acme/protocol/saml/descriptor");
    }
    expect(descriptorUrlOfRealm("https://kc.example.com/auth/realms/acme/")).toBe("https://kc.example.com/auth/realms/acme/protocol/saml/descriptor");
    expect(descriptorUrlOfRealm("<keycloak>/realms/<realm>")).toBe("<keycloak>/realms/<realm>/protocol/saml/descriptor");
  });

  it("encodes the realm in its URL", () => {
    expect(realmUrl("https://kc.example.com/", "my realm")).toBe("https://kc.example.com/realms/my%20realm");
    expect(realmDescriptorUrl("https://kc.example.com", "a/b")).toBe("https://kc.example.com/realms/a%2Fb/protocol/saml/descriptor");
  });

  it("starts an IdP-initiated login at the client's URL name, which is given already encoded", () => {
    expect(idpInitiatedSsoUrl("https://kc.example.com/auth/", "acme", "acme-org")).toBe("https://kc.example.com/auth/realms/acme/protocol/saml/clients/acme-org");
  });

  it("opens a client's tab in the console, or the realm's Clients list without the client's UUID", () => {
    expect(consoleClientUrl("https://kc.example.com/auth", "acme", "4f1c-uuid", "clientScopes/dedicated")).toBe(
      "https://kc.example.com/auth/admin/master/console/#/acme/clients/4f1c-uuid/clientScopes/dedicated",
    );
    expect(consoleClientUrl("https://kc.example.com/", "my realm", undefined, "settings")).toBe("https://kc.example.com/admin/master/console/#/my%20realm/clients");
  });
});
