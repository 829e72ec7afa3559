/**
 * A fix the shown form cannot take names the page where it is made, as a typed target: the overlay's button label,
 * the page it opens and the mapper form it fills all follow from that target, and each lands on the route the
 * console itself uses for that page (parsed back here as the overlay parses it).
 */
import { describe, expect, it } from "vitest";
import { planFix } from "../../../src/content/fix-plan.js";
import type { Outcome } from "../../../src/content/findings.js";
import { targetPage } from "../../../src/content/navigation.js";
import { parseClientRoute } from "../../../src/core/keycloak/console-routes.js";

const UUID = "9e42a103-b6eb-4fc0-86a5-f3c2a0b18ea9";

function outcome(id: string, patch: Outcome["patch"]): Outcome {
  return { finding: { id, severity: "error", message: "m", fix: "f", source: "s", attributeKey: null } as unknown as Outcome["finding"], patch };
}

function routeOf(page: string) {
  return parseClientRoute(`http://kc/admin/master/console/#/acme/clients/${UUID}/${page}`);
}

describe("fix targets", () => {
  it("a missing mapper opens Add mapper's form of its type, filled with its name and config", () => {
    const plan = planFix(outcome("mapper.email", [{ op: "add", path: "/protocolMappers/-", value: { name: "email", protocolMapper: "saml-user-property-mapper", config: { "attribute.name": "user_email", "friendly.name": 7 } } }]), {});
    expect(plan.target).toEqual({ kind: "new-mapper", mapperType: "saml-user-property-mapper" });
    expect(plan.mapperForm).toEqual([
      { key: "name", value: "email" },
      { key: "attribute.name", value: "user_email" },
    ]);
    expect(plan.writes).toEqual([]);
    expect(routeOf(targetPage(plan.target ?? { kind: "client-scopes" }))?.dedicatedPage).toEqual({ kind: "mapper", mapper: "saml-user-property-mapper", mode: "new" });
  });

  it("a wrong value in an existing mapper opens that mapper's form, by the saved mapper's id", () => {
    const saved = { protocolMappers: [{ id: "m-0" }, { id: "m/1" }] };
    const plan = planFix(outcome("mapper.email", [{ op: "replace", path: "/protocolMappers/1/config/attribute.name", value: "user_email" }]), saved);
    expect(plan.target).toEqual({ kind: "mapper", mapperId: "m/1" });
    expect(plan.mapperForm).toEqual([{ key: "attribute.name", value: "user_email" }]);
    expect(routeOf(targetPage(plan.target ?? { kind: "client-scopes" }))?.dedicatedPage).toEqual({ kind: "mapper", mapper: "m/1", mode: "edit" });
  });

  it("a mapper the saved client does not list opens the dedicated scope; a scope change opens Client scopes", () => {
    const unknown = planFix(outcome("mapper.duplicate-attribute-name", [{ op: "remove", path: "/protocolMappers/4" }]), {});
    expect(unknown.target).toEqual({ kind: "dedicated-scope" });
    expect(routeOf(targetPage({ kind: "dedicated-scope" }))).toMatchObject({ tab: "clientScopes", dedicatedScope: true });
    const scopes = planFix(outcome("mapper.duplicate-attribute-name", [{ op: "remove", path: "/defaultClientScopes/2" }]), {});
    expect(scopes.target).toEqual({ kind: "client-scopes" });
    expect(routeOf(targetPage({ kind: "client-scopes" }))).toMatchObject({ tab: "clientScopes", dedicatedScope: false });
  });

  it("a setting of the shown form has no target: it is written into the form", () => {
    const plan = planFix(outcome("client.sign-documents", [{ op: "replace", path: "/attributes/saml.server.signature", value: "true" }]), {});
    expect(plan.target).toBeNull();
    expect(plan.writes).toHaveLength(1);
  });
});
