/**
 * Reading the realm's keys (GET /admin/realms/{realm}/keys, `--realm-keys`): which keys count as SAML signing keys and
 * what the key-size and expiry findings print about each (kid, algorithm, bits, notAfter), from whichever fields the
 * server sent. Built from the fixture's real keys, one field taken away or changed at a time.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRealmKeys, signingKeys } from "../../../../src/core/client-check/realm-keys.js";
import { FIXTURES, type Json } from "./support.js";

const fixtureKeys = (JSON.parse(readFileSync(join(FIXTURES, "realm-keys.json"), "utf8")) as { keys: Json[] }).keys;
function fixtureKey(kid: string): Json {
  return { ...(fixtureKeys.find((key) => key.kid === kid) ?? expect.fail(`no key ${kid}`)) };
}
/** The 1024-bit key (certificate valid until 2126) and the 2048-bit one whose certificate expired on 2020-01-01. */
const weak = fixtureKey("weak-1024");
const expiring = fixtureKey("expiring-2020");

function keysOf(...keys: Json[]) {
  const read = readRealmKeys(JSON.stringify({ keys }));
  if (!read.ok) expect.fail(read.message);
  return signingKeys(read.keys).map((key) => ({ ...key, notAfter: key.notAfter?.toISOString().slice(0, 10) }));
}

describe("the realm's signing keys", () => {
  it("counts active RSA signing keys only; a key without use or status is one", () => {
    const { use: _use, status: _status, ...bare } = weak;
    expect(
      keysOf(
        { ...weak, kid: "ec", type: "EC" },
        { ...weak, kid: "passive", status: "PASSIVE" },
        { ...weak, kid: "encrypting", use: "ENC" },
        { ...bare, kid: "bare" },
        { ...weak, kid: "active" },
      ).map((key) => key.kid),
    ).toEqual(["bare", "active"]);
  });

  it("takes bits and expiry from the certificate when that is all there is", () => {
    const { publicKey: _key, validTo: _validTo, ...certificateOnly } = expiring;
    expect(keysOf(certificateOnly)).toEqual([{ kid: "expiring-2020", algorithm: "RS256", bits: 2048, notAfter: "2020-01-01" }]);
  });

  it("takes bits from the public key, and expiry from validTo, when there is no certificate", () => {
    const { certificate: _certificate, ...keyOnly } = weak;
    expect(keysOf({ ...keyOnly, validTo: Date.parse("2030-05-06T00:00:00Z") })).toEqual([
      { kid: "weak-1024", algorithm: "RS256", bits: 1024, notAfter: "2030-05-06" },
    ]);
    const { validTo: _validTo, ...noDate } = keyOnly;
    expect(keysOf(noDate)).toEqual([{ kid: "weak-1024", algorithm: "RS256", bits: 1024, notAfter: undefined }]);
  });

  it("believes the certificate's notAfter over validTo, and validTo when the certificate is unreadable", () => {
    expect(keysOf({ ...expiring, validTo: Date.parse("2030-05-06T00:00:00Z") })[0]?.notAfter).toBe("2020-01-01");
    const unreadable: Json = { ...expiring, certificate: "bm90IGEgY2VydGlmaWNhdGU=", validTo: Date.parse("2030-05-06T00:00:00Z") };
    expect(keysOf(unreadable)).toEqual([{ kid: "expiring-2020", algorithm: "RS256", bits: 2048, notAfter: "2030-05-06" }]);
    const { publicKey: _key, ...nothingReadable } = unreadable;
    expect(keysOf(nothingReadable)[0]?.bits).toBeUndefined();
  });

  it("names a key by kid, else by provider, and assumes RS256 when no algorithm is given", () => {
    const { kid: _kid, algorithm: _algorithm, ...anonymous } = weak;
    const { providerId: _provider, ...nameless } = anonymous;
    expect(keysOf(anonymous, nameless).map((key) => [key.kid, key.algorithm])).toEqual([
      ["weak-1024-provider", "RS256"],
      ["(no kid)", "RS256"],
    ]);
  });
});

describe("reading the keys file", () => {
  it("names the field that is wrong, or the top level", () => {
    const prefix = "The realm keys are not the shape of GET /admin/realms/{realm}/keys (an object with keys[]): ";
    expect(readRealmKeys(JSON.stringify({ keys: [{ ...weak, kid: 5 }] }))).toEqual({
      ok: false,
      message: `${prefix}keys.0.kid: Invalid input: expected string, received number`,
    });
    expect(readRealmKeys("[]")).toEqual({ ok: false, message: `${prefix}(top level): Invalid input: expected object, received array` });
  });
});
