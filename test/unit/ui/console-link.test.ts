/**
 * "Open in Keycloak" next to a finding: which client tab each rule's fix names, which client a real captured message
 * belongs to, and the console address built from them.
 */
import { describe, expect, it } from "vitest";
import { rules } from "../../../src/core/rules/registry.js";
import { fixOf } from "../../../src/core/rules/rule.js";
import { consoleUrl, keycloakClientOf, settingTab } from "../../../src/ui/panel/model/console-link.js";
import { resolveProfile } from "../../../src/ui/panel/model/profile.js";
import { Session } from "../../../src/ui/panel/model/session.js";
import { IDP, SENTRY_PROFILE, sessionEntries, settled } from "./support.js";

const tabOfRule = (id: string) => {
  const rule = rules.find((candidate) => candidate.id === id);
  if (rule === undefined) throw new Error(`no rule ${id}`);
  return settingTab(fixOf(rule, "browser"));
};

describe("settingTab", () => {
  it("sends each fix to the client tab it names", () => {
    expect(tabOfRule("assertion.audience-mismatch")).toBe("settings");
    expect(tabOfRule("request.binding")).toBe("settings");
    expect(tabOfRule("assertion.encrypted")).toBe("keys");
    expect(tabOfRule("response.destination-mismatch")).toBe("advanced");
    expect(tabOfRule("logout.binding")).toBe("advanced");
    expect(tabOfRule("attribute.duplicate-name")).toBe("clientScopes/dedicated");
    expect(tabOfRule("attribute.missing-email")).toBe("clientScopes/dedicated");
  });

  it("offers no client link where the fix is not a client setting: Sentry's side, the realm, the clock, a tampered message", () => {
    for (const id of ["response.issuer-mismatch", "signature.cert-mismatch", "session.expired", "signature.certificate-expired", "conditions.not-yet-valid", "signature.invalid", "xml.malformed", "signature.not-checked"]) {
      expect([id, tabOfRule(id)]).toEqual([id, undefined]);
    }
  });
});

describe("keycloakClientOf", () => {
  it("a Response: realm from the Issuer, client from the Audience; an AuthnRequest: realm from the Destination, client from the Issuer", async () => {
    const session = new Session({ onChange: () => undefined, now: () => new Date("2031-01-01T00:00:00Z") });
    session.configure({ profile: resolveProfile(SENTRY_PROFILE), trust: new Map() });
    session.add(sessionEntries());
    await settled(session);
    const messageOf = (index: number) => {
      const message = session.rows[index]?.analysis?.message;
      if (message === undefined) throw new Error(`row ${index} not analysed`);
      return message;
    };
    const client = { keycloakUrl: "https://keycloak.example.com", realm: "demo", clientId: "https://sentry.example.com/saml/metadata/acme/" };
    expect(messageOf(1).issuer).toBe(IDP);
    expect(keycloakClientOf(messageOf(1))).toEqual(client);
    expect(messageOf(0).kind).toBe("AuthnRequest");
    expect(keycloakClientOf(messageOf(0))).toEqual(client);
  });
});

describe("consoleUrl", () => {
  const ref = { keycloakUrl: "https://kc.example.com/auth", realm: "acme", clientId: "https://sentry.example.com/saml/metadata/acme/" };

  it("the client's tab when its UUID is known, else the realm's client list", () => {
    expect(consoleUrl(ref, "4f1c-uuid", "clientScopes/dedicated")).toEqual({ url: "https://kc.example.com/auth/admin/master/console/#/acme/clients/4f1c-uuid/clientScopes/dedicated", exact: true });
    expect(consoleUrl(ref, undefined, "settings")).toEqual({ url: "https://kc.example.com/auth/admin/master/console/#/acme/clients", exact: false });
  });
});
