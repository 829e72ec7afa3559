/**
 * The panel's recording: a real capture (signed fixtures packed into a HAR) analysed by the core, on each message's
 * capture clock, with the SP profile and the IdP certificates the user supplied.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readTrust, resolveProfile, NO_PROFILE, type IdpTrust } from "../../../src/ui/panel/model/profile.js";
import { Session } from "../../../src/ui/panel/model/session.js";
import { filterRows, kindOf, verdictOf, verdictWordsOf } from "../../../src/ui/panel/model/view.js";
import { importHarBytes } from "../../../src/core/har/stream-import.js";
import { entriesOfImport } from "../../../src/ui/panel/model/har-file.js";
import { NOW } from "../core/fixtures.js";
import { logoutRequest, signedQuery, slsUrl } from "../core/redirect-signing.js";
import { fixtureText, IDP, SAML_KEYS, SENTRY_PROFILE, sessionEntries, settled } from "./support.js";

function metadataTrust(): Map<string, IdpTrust> {
  const read = readTrust(fixtureText("idp-metadata.xml"), undefined);
  if (!read.ok) throw new Error(read.message);
  return new Map([[read.trust.entityId, read.trust]]);
}

async function recorded(trust: Map<string, IdpTrust>, profile = resolveProfile(SENTRY_PROFILE)) {
  let changes = 0;
  const session = new Session({ onChange: () => (changes += 1), now: () => new Date("2031-01-01T00:00:00Z") });
  session.configure({ profile, trust });
  session.add(sessionEntries());
  await settled(session);
  return { session, changes };
}

describe("Session", () => {
  it("lists every SAML message of the capture in request order, with kind and predicted verdict", async () => {
    const { session, changes } = await recorded(metadataTrust());
    expect(session.rows.map((row) => [kindOf(row), verdictOf(row)])).toEqual([
      ["AuthnRequest", "accept"],
      ["Response", "accept"],
      ["Response", "reject"],
      ["Response", "reject"],
      ["Response", "accept"],
      ["LogoutRequest", "accept"],
      ["LogoutResponse", "accept"],
      ["AuthnRequest", "reject"],
    ]);
    expect(changes).toBeGreaterThan(1);
    const firstError = (index: number) => session.rows[index]?.analysis?.message.findings.find((finding) => finding.severity === "error")?.id;
    expect(firstError(2)).toBe("signature.invalid");
    expect(firstError(3)).toBe("attribute.duplicate-name");
    expect(firstError(7)).toBe("idp.error-page");
    expect(session.rows[7]?.analysis?.message.receiverMessage).toBe("Invalid requester");
  });

  it("checks times at capture time, not on the wall clock (a 2025 capture read in 2031 is still valid)", async () => {
    const { session } = await recorded(metadataTrust());
    const response = session.rows[1];
    expect(response?.clock.toISOString()).toBe("2025-06-01T12:00:00.000Z");
    expect(response?.analysis?.message.findings.map((finding) => finding.id)).not.toContain("conditions.expired");
  });

  it("verifies signatures against the pasted metadata and reports each signature's checks", async () => {
    const { session } = await recorded(metadataTrust());
    const checks = session.rows[1]?.analysis?.signatures?.signatures ?? [];
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ signedElement: "Response", digestValid: true, signatureValid: true, matchesTrustedCertificate: true, wrapping: false });
    const tampered = session.rows[2]?.analysis?.signatures?.signatures[0];
    expect(tampered?.digestValid).toBe(false);
  });

  it("without a certificate, a Response Sentry answered by logging the user in reads Accepted, from that answer", async () => {
    const { session } = await recorded(new Map());
    const row = session.rows[1] ?? expect.fail("no row");
    expect(verdictOf(row)).toBe("accept");
    expect(verdictWordsOf(row)?.sentence).toBe("Sentry accepted this Response: Sentry logged the user in and sent the browser on to https://sentry.example.com/organizations/acme/.");
    expect(session.rows[1]?.analysis?.signatures?.signatures[0]?.matchesTrustedCertificate).toBeUndefined();
  });

  it("a PEM certificate of another key is reported, but Sentry's answer (it logged the user in) keeps the verdict", async () => {
    const other = readTrust(readFileSync(join(SAML_KEYS, "other-cert.pem"), "utf8"), IDP);
    if (!other.ok) throw new Error(other.message);
    const { session } = await recorded(new Map([[IDP, other.trust]]));
    const row = session.rows[1] ?? expect.fail("no row");
    expect(session.rows[1]?.analysis?.message.findings.some((finding) => finding.id === "signature.cert-mismatch")).toBe(true);
    expect(verdictOf(row)).toBe("accept");
    expect(verdictWordsOf(row)?.sentence).toContain("The checks here predicted a refusal (signature.cert-mismatch), so the SP profile, IdP certificate or attribute mapping they used is not what Sentry has.");
  });

  it("re-analyses every row when the profile changes", async () => {
    const { session } = await recorded(metadataTrust(), resolveProfile(NO_PROFILE));
    const withoutSp = session.rows[1]?.analysis?.message.findings.map((finding) => finding.id) ?? [];
    // Sentry's url-prefix with http: (behind a TLS proxy); another org would not do, as each message is judged by the
    // organization whose ACS it was posted to.
    session.configure({ profile: resolveProfile({ ...SENTRY_PROFILE, urlPrefix: "http://sentry.example.com" }), trust: metadataTrust() });
    expect(session.rows.every((row) => row.analysis === undefined)).toBe(true);
    await settled(session);
    const withSp = session.rows[1]?.analysis?.message.findings.map((finding) => finding.id) ?? [];
    expect(withoutSp).not.toContain("response.destination-mismatch");
    expect(withSp).toContain("response.destination-mismatch");
  });

  it("search reaches NameIDs and attribute values; clear empties the recording", async () => {
    const { session } = await recorded(metadataTrust());
    expect(filterRows(session.rows, { kind: "all", errorsOnly: false, search: "JÖRAN" }).length).toBeGreaterThan(0);
    expect(filterRows(session.rows, { kind: "all", errorsOnly: false, search: "avatar" })).toEqual([4]);
    expect(filterRows(session.rows, { kind: "all", errorsOnly: false, search: "mallory" })).toEqual([2, 4]);
    session.clear();
    expect(session.rows).toHaveLength(0);
    expect(session.exchanges).toHaveLength(0);
  });
});

describe("Session: logout signed in the query string", () => {
  it("records the query signature's check for the Signature tab, valid with the realm key and not with another", async () => {
    const entry = (id: string, key: "idp" | "other") => ({
      startedDateTime: NOW.toISOString(),
      time: 1,
      request: { method: "GET", url: `${slsUrl}?${signedQuery({ xml: logoutRequest(id), relayState: id, key })}`, httpVersion: "HTTP/1.1", cookies: [], headers: [], queryString: [], headersSize: -1, bodySize: 0 },
      response: { status: 302, statusText: "Found", httpVersion: "HTTP/1.1", cookies: [], headers: [], content: { size: 0, mimeType: "text/html" }, redirectURL: "", headersSize: -1, bodySize: -1 },
      cache: {},
      timings: { send: 0, wait: 0, receive: 0 },
    });
    const har = { log: { version: "1.2", creator: { name: "test", version: "1" }, entries: [entry("q1", "idp"), entry("q2", "other")] } };
    const read = entriesOfImport(importHarBytes(new TextEncoder().encode(JSON.stringify(har))));
    if (!read.ok) throw new Error(read.message);
    const session = new Session({ onChange: () => undefined });
    session.configure({ profile: resolveProfile(SENTRY_PROFILE), trust: metadataTrust() });
    session.add(read.entries);
    await settled(session);
    const [good, bad] = session.rows;
    expect(good?.analysis?.signatures?.query).toMatchObject({ valid: true, validAsSent: true, encodingDiffers: false });
    expect(verdictOf(good ?? expect.fail())).toBe("accept");
    expect(bad?.analysis?.signatures?.query).toMatchObject({ valid: false, validAsSent: false });
    expect(bad?.analysis?.message.findings.map((finding) => finding.id)).toContain("signature.query-invalid");
    expect(verdictOf(bad ?? expect.fail())).toBe("reject");
  });
});

/**
 * The analysis worker failing. A stand-in for the worker (Node has no web Worker; the real one runs in the browser
 * tests): it takes the session's messages and answers what the test makes it answer.
 */
describe("Session with an analysis worker that fails", () => {
  class StandInWorker {
    onmessage: ((event: MessageEvent) => void) | null = null;
    onerror: ((event: ErrorEvent) => void) | null = null;
    readonly posted: unknown[] = [];
    terminated = false;
    postMessage(message: unknown): void {
      this.posted.push(message);
    }
    terminate(): void {
      this.terminated = true;
    }
    answer(data: unknown): void {
      this.onmessage?.({ data } as MessageEvent);
    }
  }

  async function withWorker(fail: (worker: StandInWorker) => void) {
    const worker = new StandInWorker();
    const previous = (globalThis as { Worker?: unknown }).Worker;
    (globalThis as { Worker?: unknown }).Worker = StandInWorker;
    try {
      const session = new Session({ onChange: () => undefined, now: () => new Date("2031-01-01T00:00:00Z"), createWorker: () => worker as unknown as Worker });
      session.configure({ profile: resolveProfile(SENTRY_PROFILE), trust: metadataTrust() });
      session.add(sessionEntries());
      expect(worker.posted.map((message) => (message as { type: string }).type)).toEqual(["configure", "configure", "add"]);
      expect(session.rows.every((row) => row.summary === undefined)).toBe(true);
      fail(worker);
      await settled(session);
      return { session, worker };
    } finally {
      (globalThis as { Worker?: unknown }).Worker = previous;
    }
  }

  it("an answer that is not the protocol's: the worker is stopped and this thread analyses every row", async () => {
    const { session, worker } = await withWorker((stand) => stand.answer({ type: "batch", generation: "not a number" }));
    expect(worker.terminated).toBe(true);
    expect(session.rows.map((row) => verdictOf(row))).toEqual(["accept", "accept", "reject", "reject", "accept", "accept", "accept", "reject"]);
    // Whatever the stopped worker still sends is not applied.
    worker.answer({ type: "batch", generation: 2, facts: [], results: [{ index: 0, summary: undefined }], received: 8, pending: 0 });
    expect(verdictOf(session.rows[0] ?? expect.fail("no row"))).toBe("accept");
  });

  it("the worker's error event: the same", async () => {
    const { session, worker } = await withWorker((stand) => stand.onerror?.({ preventDefault: () => undefined } as ErrorEvent));
    expect(worker.terminated).toBe(true);
    expect(session.rows.map((row) => verdictOf(row))).toEqual(["accept", "accept", "reject", "reject", "accept", "accept", "accept", "reject"]);
  });
});
