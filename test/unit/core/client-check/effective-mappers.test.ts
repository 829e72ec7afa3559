/**
 * Which mappers reach the assertion (effective-mappers.ts) at the edges: mappers without a Name or of a type that
 * emits nothing, what each mapper type reads, role_list judged by its role list mappers, scopes written without a
 * protocol, and a client export that names scopes it does not define.
 */
import { describe, expect, it } from "vitest";
import { check, fixture, mapperRealm, ownMappers, scopeOf, sentryPreset, type Json, type Mapper } from "./support.js";

const ENTITY_ID = "https://sentry.example.com/saml/metadata/acme/";



describe("which mappers reach the assertion: edge cases", () => {
  it("skips a mapper without an attribute Name, and a scope's mapper that emits no attribute", () => {
    const document = mapperRealm((client, r) => {
      client.defaultClientScopes = ["role_list"];
      client.protocolMappers = [{ name: "nameless", protocol: "saml", protocolMapper: "saml-user-property-mapper", config: { "user.attribute": "email" } }];
      (scopeOf(r, "role_list").protocolMappers as Json[]).push({ name: "audience", protocol: "saml", protocolMapper: "saml-audience-mapper", config: {} });
    });
    expect(check(document, sentryPreset(), ENTITY_ID).mappers.mappers.map((mapper) => mapper.mapper.name)).toEqual(["role list"]);
  });

  it("reads the user property or attribute of those two mapper types only", () => {
    const document = ownMappers(
      { name: "uid", protocol: "saml", protocolMapper: "saml-user-attribute-mapper", config: { "user.attribute": "uid", "attribute.name": "user_id" } },
      { name: "roles", protocol: "saml", protocolMapper: "saml-role-list-mapper", config: { "user.attribute": "email", "attribute.name": "roles" } },
    );
    expect(check(document, sentryPreset(), ENTITY_ID).mappers.mappers.slice(0, 2).map((mapper) => mapper.reads)).toEqual(["uid", null]);
  });

  it("judges role_list by its role list mappers alone, and finds a scope written without a protocol", () => {
    const state = check(
      mapperRealm((_client, r) => {
        const roleList = scopeOf(r, "role_list");
        delete roleList.protocol;
        roleList.protocolMappers = [
          { name: "groups", protocol: "saml", protocolMapper: "saml-group-membership-mapper", config: { "attribute.name": "groups" } },
          { name: "role list", protocol: "saml", protocolMapper: "saml-role-list-mapper", config: { single: "true" } },
        ];
      }),
      sentryPreset(),
      ENTITY_ID,
    ).mappers;
    expect(state.roleList).toBe("harmless");
    expect(state.undefinedScopes).toEqual([]);
  });

  it("a client export that names its scopes: each one unknown, not a crash", () => {
    const view = check({ ...fixture("sentry-fresh.client.json"), defaultClientScopes: ["role_list", "sentry-attributes"] }).mappers;
    expect([view.undefinedScopes, view.roleList, view.complete]).toEqual([["role_list", "sentry-attributes"], "assigned-undefined", false]);
  });
});
