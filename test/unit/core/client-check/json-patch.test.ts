/**
 * The JSON Patch the fixes are written in (RFC 6902 add/replace/remove, RFC 6901 pointers): what a user's own tool
 * (jq, kubectl-style patchers, a JSON Patch library) would do with the same operations.
 */
import { describe, expect, it } from "vitest";
import { applyJsonPatch, jsonPatchOperationSchema, pointer } from "../../../../src/core/client-check/json-patch.js";

const client = () => ({ clientId: "a/b~c", attributes: { "saml.encrypt": "true" }, redirectUris: ["x", "y"] });

describe("JSON Patch", () => {
  it("escapes ~ and / in pointers (Keycloak keys and URLs hold both), and reads them back", () => {
    expect(pointer("attributes", "a/b~c", 0)).toBe("/attributes/a~1b~0c/0");
    const applied = applyJsonPatch({ attributes: {} }, [{ op: "add", path: pointer("attributes", "https://x/~y"), value: "1" }]);
    expect(applied).toEqual({ ok: true, value: { attributes: { "https://x/~y": "1" } } });
  });

  it("adds, replaces and removes object members and array items, leaving the input unchanged", () => {
    const input = client();
    const applied = applyJsonPatch(input, [
      { op: "add", path: "/attributes/saml.encrypt", value: "false" },
      { op: "replace", path: "/redirectUris/0", value: "z" },
      { op: "add", path: "/redirectUris/1", value: "inserted" },
      { op: "add", path: "/redirectUris/-", value: "last" },
      { op: "remove", path: "/redirectUris/2" },
      { op: "remove", path: "/clientId" },
      { op: "replace", path: "/attributes/saml.encrypt", value: "no" },
    ]);
    expect(applied).toEqual({ ok: true, value: { attributes: { "saml.encrypt": "no" }, redirectUris: ["z", "inserted", "last"] } });
    expect(input).toEqual(client());
  });

  it("copies added values, so later changes to them do not leak into the document", () => {
    const value = { list: [1] };
    const applied = applyJsonPatch({}, [{ op: "add", path: "/v", value }]);
    value.list.push(2);
    expect(applied).toEqual({ ok: true, value: { v: { list: [1] } } });
  });

  it("reports paths that do not resolve instead of throwing", () => {
    const fails = (operation: Parameters<typeof applyJsonPatch>[1][number]) => {
      const result = applyJsonPatch(client(), [operation]);
      return result.ok ? "applied" : result.message;
    };
    expect(fails({ op: "add", path: "", value: 1 })).toBe('The patch path "" names the whole document.');
    expect(fails({ op: "add", path: "/missing/key", value: 1 })).toBe('The patch path "/missing/key" does not exist.');
    expect(fails({ op: "add", path: "/clientId/key", value: 1 })).toBe('The patch path "/clientId/key" does not exist.');
    expect(fails({ op: "add", path: "/redirectUris/3", value: 1 })).toBe('Bad array index in "/redirectUris/3".');
    expect(fails({ op: "add", path: "/redirectUris/-1", value: 1 })).toBe('Bad array index in "/redirectUris/-1".');
    expect(fails({ op: "add", path: "/redirectUris/one", value: 1 })).toBe('Bad array index in "/redirectUris/one".');
    expect(fails({ op: "replace", path: "/redirectUris/2", value: 1 })).toBe('Nothing at "/redirectUris/2".');
    expect(fails({ op: "remove", path: "/redirectUris/-" })).toBe('Nothing at "/redirectUris/-".');
    expect(fails({ op: "replace", path: "/attributes/none", value: 1 })).toBe('Nothing at "/attributes/none".');
    expect(fails({ op: "remove", path: "/attributes/none" })).toBe('Nothing at "/attributes/none".');
    expect(fails({ op: "add", path: "/redirectUris/2", value: 1 })).toBe("applied");
  });

  it("removes a member entirely, and reports a path through null or a missing document instead of throwing", () => {
    const removed = applyJsonPatch(client(), [{ op: "remove", path: "/attributes/saml.encrypt" }]);
    expect(removed.ok && Object.keys((removed.value as { attributes: object }).attributes)).toEqual([]);
    expect(applyJsonPatch({ attributes: null }, [{ op: "add", path: "/attributes/saml.encrypt", value: "false" }])).toEqual({
      ok: false,
      message: 'The patch path "/attributes/saml.encrypt" does not exist.',
    });
    expect(applyJsonPatch(undefined, [{ op: "add", path: "/clientId", value: "x" }])).toEqual({ ok: false, message: 'The patch path "/clientId" does not exist.' });
  });

  it("accepts the three operations across contexts, with their paths and values, and refuses any other", () => {
    const operations = [
      { op: "add", path: "/a", value: [1] },
      { op: "replace", path: "/b", value: "x" },
      { op: "remove", path: "/c" },
    ];
    expect(operations.map((operation) => jsonPatchOperationSchema.parse(operation))).toEqual(operations);
    for (const bad of [{ op: "move", from: "/a", path: "/b" }, { op: "add", value: 1 }, { op: "remove" }, { path: "/a" }]) {
      expect(jsonPatchOperationSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
