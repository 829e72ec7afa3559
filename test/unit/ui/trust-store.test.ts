/**
 * The IdP certificates the user trusts, as the Signature tab changes them and the host's storage keeps them. Storage
 * and the extension's fetch cannot run in node: `save` records what the host would store, and `fetchText` answers as
 * the platform's fetchGrantedText would (the e2e panel tests cover the real ones).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FetchedText } from "../../../src/ui/panel/model/metadata-url.js";
import { TrustStore, type StoredTrust } from "../../../src/ui/panel/model/trust-store.js";
import { fixtureText, IDP, SAML_KEYS } from "./support.js";

const SAVED_AT = new Date("2031-01-01T00:00:00Z");
const DESCRIPTOR = `${IDP}/protocol/saml/descriptor`;
const pem = (name: string) => readFileSync(join(SAML_KEYS, name), "utf8");

function store(fetchAnswer?: () => Promise<FetchedText>) {
  const saved: StoredTrust[] = [];
  let changes = 0;
  const trustStore = new TrustStore({
    save: async (stored) => {
      saved.push(stored);
    },
    fetchText: fetchAnswer === undefined ? undefined : () => fetchAnswer(),
    now: () => SAVED_AT,
  });
  trustStore.subscribe(() => (changes += 1));
  return { trustStore, saved, changes: () => changes };
}

describe("TrustStore", () => {
  it("trusts pasted metadata for the entity ID it names, and saves it", async () => {
    const { trustStore, saved, changes } = store();
    expect(await trustStore.paste(fixtureText("idp-metadata.xml"), "https://somewhere-else")).toBeNull();
    expect(trustStore.trustFor(IDP)).toMatchObject({ entityId: IDP, fromMetadata: true });
    expect(trustStore.trustFor(IDP)?.certificates).toHaveLength(1);
    expect(trustStore.trustFor("https://somewhere-else")).toBeUndefined();
    expect(changes()).toBe(1);
    expect(saved).toEqual([{ [IDP]: { text: fixtureText("idp-metadata.xml"), savedAt: SAVED_AT.toISOString() } }]);
  });

  it("a pasted certificate replaces the one trusted for that IdP", async () => {
    const { trustStore, saved } = store();
    await trustStore.paste(pem("idp-cert.pem"), IDP);
    const before = trustStore.trustFor(IDP);
    await trustStore.paste(pem("other-cert.pem"), IDP);
    const after = trustStore.trustFor(IDP);
    expect(after).toMatchObject({ entityId: IDP, fromMetadata: false, text: pem("other-cert.pem") });
    expect(after?.certificates[0]?.der).not.toEqual(before?.certificates[0]?.der);
    expect([...trustStore.all.keys()]).toEqual([IDP]);
    expect(saved.at(-1)).toEqual({ [IDP]: { text: pem("other-cert.pem"), savedAt: SAVED_AT.toISOString() } });
  });

  it("forgets an IdP's certificates, keeps the others, and saves what is left", async () => {
    const { trustStore, saved, changes } = store();
    await trustStore.paste(pem("idp-cert.pem"), IDP);
    await trustStore.paste(pem("other-cert.pem"), "https://other.example.com/idp");
    trustStore.forget(IDP);
    expect(trustStore.trustFor(IDP)).toBeUndefined();
    expect([...trustStore.all.keys()]).toEqual(["https://other.example.com/idp"]);
    expect(changes()).toBe(3);
    expect(Object.keys(saved.at(-1) ?? {})).toEqual(["https://other.example.com/idp"]);
  });

  it("refuses a private key or a certificate with no IdP to remember it for, and changes nothing", async () => {
    const { trustStore, saved, changes } = store();
    expect(await trustStore.paste(pem("idp-key.pem"), IDP)).toMatch(/PRIVATE KEY/);
    expect(await trustStore.paste(pem("idp-cert.pem"), undefined)).toMatch(/names no Issuer/);
    expect(trustStore.all.size).toBe(0);
    expect(changes()).toBe(0);
    expect(saved).toEqual([]);
  });

  it("tells each subscriber of every change, until it unsubscribes; each change is a new map", async () => {
    const { trustStore } = store();
    const seen: number[] = [];
    const unsubscribe = trustStore.subscribe(() => seen.push(trustStore.all.size));
    const empty = trustStore.all;
    await trustStore.paste(pem("idp-cert.pem"), IDP);
    expect(trustStore.all).not.toBe(empty);
    unsubscribe();
    trustStore.forget(IDP);
    expect(seen).toEqual([1]);
  });

  it("loads what storage kept, with the URL it was fetched from, drops what no longer reads, and does not save it back", () => {
    const { trustStore, saved, changes } = store();
    trustStore.load({
      [IDP]: { text: fixtureText("idp-metadata.xml"), savedAt: "2030-01-01T00:00:00.000Z", url: DESCRIPTOR },
      "https://broken.example.com": { text: "not a certificate", savedAt: "2030-01-01T00:00:00.000Z" },
    });
    expect(trustStore.trustFor(IDP)).toMatchObject({ entityId: IDP, fromMetadata: true, url: DESCRIPTOR });
    expect([...trustStore.all.keys()]).toEqual([IDP]);
    expect(changes()).toBe(1);
    expect(saved).toEqual([]);
  });

  it("trusts fetched metadata with its URL, added to what was trusted meanwhile", async () => {
    let answer: (fetched: FetchedText) => void = () => undefined;
    const { trustStore, saved } = store(() => new Promise((resolve) => (answer = resolve)));
    expect(trustStore.canFetch).toBe(true);
    const fetching = trustStore.fetch(DESCRIPTOR, undefined);
    await trustStore.paste(pem("other-cert.pem"), "https://other.example.com/idp");
    answer({ ok: true, text: fixtureText("idp-metadata.xml") });
    expect(await fetching).toBeNull();
    expect(trustStore.trustFor(IDP)).toMatchObject({ url: DESCRIPTOR, fromMetadata: true });
    expect([...trustStore.all.keys()].sort()).toEqual([IDP, "https://other.example.com/idp"].sort());
    expect(saved.at(-1)?.[IDP]).toEqual({ text: fixtureText("idp-metadata.xml"), savedAt: SAVED_AT.toISOString(), url: DESCRIPTOR });
  });

  it("explains a failed fetch and changes nothing", async () => {
    const { trustStore, changes } = store(async () => ({ ok: false, reason: "http", message: "404 Not Found" }));
    expect(await trustStore.fetch(DESCRIPTOR, IDP)).toBe(`${DESCRIPTOR} answered 404 Not Found.`);
    expect(trustStore.all.size).toBe(0);
    expect(changes()).toBe(0);
  });

  it("without a host that fetches, only pasting is offered", () => {
    expect(store().trustStore.canFetch).toBe(false);
  });
});
