/**
 * "Fetch from URL" on the Signature tab: the realm descriptor URL prefilled from a Keycloak issuer, and what the user
 * reads for each way the fetch can go. The browser side (permission prompt, the extension page's fetch) cannot run in
 * node: `FetchText` here answers as the platform's fetchGrantedText would; the Chromium test covers the real one.
 */
import { describe, expect, it } from "vitest";
import { fetchTrust, keycloakDescriptorUrl, type FetchedText } from "../../../src/ui/panel/model/metadata-url.js";
import { fixtureText, IDP } from "./support.js";

const DESCRIPTOR = `${IDP}/protocol/saml/descriptor`;
const answering = (answer: FetchedText) => {
  const asked: string[] = [];
  return { asked, fetchText: async (url: string) => (asked.push(url), answer) };
};

describe("keycloakDescriptorUrl", () => {
  it("derives the realm descriptor from a Keycloak issuer, also below a context path", () => {
    expect(keycloakDescriptorUrl("https://keycloak.example.com/realms/demo")).toBe("https://keycloak.example.com/realms/demo/protocol/saml/descriptor");
    expect(keycloakDescriptorUrl("http://127.0.0.1:8080/auth/realms/acme/")).toBe("http://127.0.0.1:8080/auth/realms/acme/protocol/saml/descriptor");
  });

  it("suggests nothing for issuers that are not a Keycloak realm", () => {
    expect(keycloakDescriptorUrl("https://sts.windows.net/abc/")).toBeUndefined();
    expect(keycloakDescriptorUrl("urn:example:idp")).toBeUndefined();
    expect(keycloakDescriptorUrl("https://kc.example.com/realms/demo/extra")).toBeUndefined();
    expect(keycloakDescriptorUrl(undefined)).toBeUndefined();
  });
});

describe("fetchTrust", () => {
  it("trusts the certificate of the fetched descriptor for its entity ID and remembers the URL", async () => {
    const { asked, fetchText } = answering({ ok: true, text: fixtureText("idp-metadata.xml") });
    const read = await fetchTrust(` ${DESCRIPTOR} `, undefined, fetchText);
    expect(asked).toEqual([DESCRIPTOR]);
    if (!read.ok) throw new Error(read.message);
    expect(read.trust.entityId).toBe(IDP);
    expect(read.trust.fromMetadata).toBe(true);
    expect(read.trust.certificates).toHaveLength(1);
    expect(read.trust.url).toBe(DESCRIPTOR);
  });

  it("permission refused: says so and that nothing was fetched", async () => {
    const read = await fetchTrust(DESCRIPTOR, IDP, answering({ ok: false, reason: "permission-refused", message: "the browser did not grant https://keycloak.example.com/*" }).fetchText);
    expect(read).toEqual({ ok: false, message: "Access to https://keycloak.example.com was not granted, so the metadata was not fetched. Paste it instead, or fetch again and allow access." });
  });

  it("no permissions API (Firefox's DevTools panels) and a site not granted yet: points to pasting or the recorder", async () => {
    const read = await fetchTrust(DESCRIPTOR, IDP, answering({ ok: false, reason: "permission-unavailable", message: "NetworkError when attempting to fetch resource." }).fetchText);
    expect(read.ok ? "" : read.message).toBe(
      `${DESCRIPTOR} could not be fetched, and this panel cannot ask for access to https://keycloak.example.com (Firefox does not let DevTools panels ask). Paste the metadata, or fetch it from the standalone recorder (toolbar button → Open the SAML recorder).`,
    );
  });

  it("network error and HTTP error name the URL and the cause", async () => {
    const network = await fetchTrust(DESCRIPTOR, IDP, answering({ ok: false, reason: "network", message: "Failed to fetch" }).fetchText);
    expect(network.ok ? "" : network.message).toBe(`${DESCRIPTOR} could not be reached: Failed to fetch`);
    const http = await fetchTrust(DESCRIPTOR, IDP, answering({ ok: false, reason: "http", message: "404 Not Found" }).fetchText);
    expect(http.ok ? "" : http.message).toBe(`${DESCRIPTOR} answered 404 Not Found.`);
  });

  it("not XML: an HTML login page or JSON is refused with the descriptor's address as a hint", async () => {
    const html = await fetchTrust(DESCRIPTOR, IDP, answering({ ok: true, text: "<!DOCTYPE html><html><body>Sign in</body></html>" }).fetchText);
    expect(html.ok ? "" : html.message).toContain("did not answer with XML (it sent an HTML page");
    const json = await fetchTrust(DESCRIPTOR, IDP, answering({ ok: true, text: '{"error":"not found"}' }).fetchText);
    expect(json.ok ? "" : json.message).toContain("did not answer with XML.");
  });

  it("no certificate: metadata without a signing KeyDescriptor is refused, naming what is missing", async () => {
    const bare = fixtureText("idp-metadata.xml").replace(/<md:KeyDescriptor[\s\S]*<\/md:KeyDescriptor>/, "");
    const read = await fetchTrust(DESCRIPTOR, IDP, answering({ ok: true, text: bare }).fetchText);
    expect(read.ok ? "" : read.message).toBe(`${DESCRIPTOR}: The IdP metadata has no signing certificate (no KeyDescriptor with an X509Certificate).`);
  });
});
