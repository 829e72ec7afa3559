/**
 * The bench's Sentry (python3-saml, configured as Sentry configures it) set up for a new organization the way a Sentry
 * owner does it: Settings → Auth → Configure SAML2, the IdP's metadata, the attribute mapping, then the test login
 * through the IdP that Sentry requires before it saves anything. Driven over HTTP as a browser would (cookies, forms,
 * redirects), against the bench's Keycloak-shaped IdP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BENCH_USER, benchRealm, goodSentryClient } from "../../harness/idp/sentry-clients.js";
import { startIdpServer, type IdpServer } from "../../harness/idp/server.js";
import { certificateBase64 } from "../../harness/idp/sign.js";
import { requirePythonSaml, startSentrySp, type SentrySp, type SpResult } from "../../harness/sp/index.js";

requirePythonSaml();

const ORGS = ["new-org", "wrong-mapping", "pasted"] as const;

const decode = (value: string) => value.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** A browser reduced to what these pages need: one cookie jar, redirects followed, forms submitted. */
class Browser {
  private readonly cookies = new Map<string, string>();
  url = "";
  text = "";

  async go(url: string, form?: Record<string, string>): Promise<string> {
    let next: string | undefined = url;
    let body: string | undefined = form === undefined ? undefined : new URLSearchParams(form).toString();
    while (next !== undefined) {
      const target: string = next;
      const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
      const response = await fetch(target, {
        method: body === undefined ? "GET" : "POST",
        redirect: "manual",
        headers: { ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { "content-type": "application/x-www-form-urlencoded" }) },
        body,
      });
      for (const header of response.headers.getSetCookie()) {
        const [pair = ""] = header.split(";");
        const [name = "", value = ""] = pair.split("=");
        this.cookies.set(name, value);
      }
      this.url = target;
      this.text = await response.text();
      const location = response.headers.get("location");
      next = response.status >= 300 && response.status < 400 && location !== null ? new URL(location, target).href : undefined;
      body = undefined;
    }
    return this.text;
  }

  /** Submits the page's form (the one holding `field`, if given) with its hidden fields and `values`. */
  async submit(values: Record<string, string>, field?: string): Promise<string> {
    const forms = [...this.text.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)];
    const form = forms.find((match) => field === undefined || new RegExp(`name=['"]${field}['"]`, "i").test(match[2] ?? ""));
    if (form === undefined) throw new Error(`no form${field ? ` with ${field}` : ""} at ${this.url}:\n${this.text}`);
    const action = decode(/action=['"]([^'"]*)['"]/i.exec(form[1] ?? "")?.[1] ?? "");
    const hidden: Record<string, string> = {};
    for (const input of (form[2] ?? "").matchAll(/<input\b[^>]*type=['"]hidden['"][^>]*>/gi)) {
      const name = /name=['"]([^'"]*)['"]/i.exec(input[0])?.[1];
      if (name !== undefined) hidden[name] = decode(/value=['"]([^'"]*)['"]/i.exec(input[0])?.[1] ?? "");
    }
    return this.go(new URL(action, this.url).href, { ...hidden, ...values });
  }

  /** The bench IdP's login form, then its auto-submitted form to the ACS. */
  async signInAtIdp(): Promise<string> {
    await this.submit({ username: BENCH_USER.username, password: BENCH_USER.password }, "username");
    return this.submit({}, "SAMLResponse");
  }
}

const fieldValue = (page: string, name: string) => decode(new RegExp(`name='${name}'[^>]*value='([^']*)'`).exec(page)?.[1] ?? new RegExp(`name='${name}'[^>]*>([^<]*)</textarea>`).exec(page)?.[1] ?? "");

describe("the bench's Sentry: Settings → Auth → SAML2 for an org it does not know", () => {
  let sp: SentrySp;
  let idp: IdpServer;
  const mapping = (identifier: string) => ({ provider: "saml2", save_mappings: "url", identifier, user_email: "user_email", first_name: "", last_name: "" });
  const newResults = async (before: number): Promise<SpResult[]> => (await sp.results()).slice(before);
  const idpInitiated = async (org: string): Promise<SpResult | undefined> => {
    const before = (await sp.results()).length;
    const browser = new Browser();
    await browser.go(`${idp.realmUrl("acme")}/protocol/saml/clients/${org}`);
    await browser.signInAtIdp();
    return (await newResults(before)).at(-1);
  };

  beforeAll(async () => {
    sp = await startSentrySp();
    idp = await startIdpServer(() => [benchRealm(ORGS.map((org) => goodSentryClient(sp.urlPrefix, org)))]);
  });
  afterAll(async () => {
    await idp?.close();
    await sp?.close();
  });

  it("sets up SAML2 from the metadata URL and the mapping, saves only after the test login maps, then logs users in", async () => {
    const org = "new-org";
    expect((await idpInitiated(org))?.outcome).toBe("no-sso");
    const browser = new Browser();
    expect(await browser.go(sp.settingsUrl(org))).toContain("Choose a provider");
    await browser.submit({ provider: "saml2" }, "init");
    expect(browser.text).toContain("Register Identity Provider");

    // Sentry's answers to a metadata URL that is empty, unreachable, not metadata, or an SP's metadata.
    await browser.submit({ action_save: "url", metadata_url: "" }, "metadata_url");
    expect(browser.text).toMatch(/data-field='metadata_url'>This field is required\./);
    await browser.submit({ action_save: "url", metadata_url: "http://127.0.0.1:1/realms/acme/protocol/saml/descriptor" }, "metadata_url");
    expect(browser.text).toContain("Failed to parse provided SAML2 metadata");
    await browser.submit({ action_save: "url", metadata_url: `${idp.realmUrl("acme")}/no-such-page` }, "metadata_url");
    expect(browser.text).toContain("Failed to parse provided SAML2 metadata");
    await browser.submit({ action_save: "url", metadata_url: sp.entityId(org) }, "metadata_url");
    expect(browser.text).toContain("Invalid metadata: entity_id: This field is required., sso_url: This field is required., x509cert: This field is required.");
    // What the user typed comes back escaped, in the field.
    await browser.submit({ action_save: "url", metadata_url: "x'><b>bold" }, "metadata_url");
    expect(browser.text).not.toContain("<b>bold");
    expect(fieldValue(browser.text, "metadata_url")).toBe("x'><b>bold");
    expect(browser.text).toContain("Enter a valid URL.");

    await browser.submit({ action_save: "url", metadata_url: idp.descriptorUrl("acme") }, "metadata_url");
    expect(browser.text).toContain("Map Identity Provider Attributes");
    await browser.submit({ ...mapping("") }, "identifier");
    expect(browser.text).toMatch(/data-field='identifier'>This field is required\./);
    expect((await sp.results()).filter((result) => result.org === org && result.outcome !== "no-sso")).toEqual([]);

    // Save Attributes sends the owner to the IdP; Sentry saves the provider when that login maps.
    const before = (await sp.results()).length;
    await browser.submit(mapping("user_email"), "identifier");
    expect(new URL(browser.url).origin).toBe(idp.origin);
    await browser.signInAtIdp();
    expect(await newResults(before)).toMatchObject([{ outcome: "sso-configured", flow: "setup", org, identity: { id: BENCH_USER.email, email: BENCH_USER.email } }]);
    expect(browser.url).toBe(`${sp.urlPrefix}/organizations/${org}/auth/configure/`);
    expect(browser.text).toContain("SSO has been configured for your organization");
    // The IdP's values as read from its metadata: what PUT /__sp/orgs stores.
    expect(fieldValue(browser.text, "entity_id")).toBe(idp.realmUrl("acme"));
    expect(fieldValue(browser.text, "sso_url")).toBe(`${idp.realmUrl("acme")}/protocol/saml`);
    expect(fieldValue(browser.text, "x509cert")).toBe(certificateBase64(idp.certificatePem));
    expect(fieldValue(browser.text, "identifier")).toBe("user_email");
    await browser.go(sp.settingsUrl(org));
    expect(browser.url).toBe(`${sp.urlPrefix}/organizations/${org}/auth/configure/`);

    expect(await idpInitiated(org)).toMatchObject({ outcome: "logged-in", org, identity: { email: BENCH_USER.email } });

    // Once set up, the mapping is edited and saved as typed, without a test login: the next login fails to map.
    await browser.submit({ ...Object.fromEntries(["entity_id", "sso_url", "slo_url", "x509cert", "user_email", "first_name", "last_name"].map((name) => [name, fieldValue(browser.text, name)])), identifier: "user_id" }, "identifier");
    expect(fieldValue(browser.text, "identifier")).toBe("user_id");
    expect(await idpInitiated(org)).toMatchObject({
      outcome: "mapping-failed",
      org,
      message: "Failed to map SAML attributes. Assertion returned the following attribute keys: 'user_email'",
    });
    expect((await idpInitiated(org))?.flow).toBeUndefined();

    await browser.go(`${sp.urlPrefix}/organizations/${org}/auth/configure/`, { op: "disable" });
    expect(browser.text).toContain("SSO authentication has been disabled.");
    expect((await idpInitiated(org))?.outcome).toBe("no-sso");
  });

  it("a mapping the IdP's response does not fill fails Sentry's test login, and the org stays without SAML SSO", async () => {
    const org = "wrong-mapping";
    const browser = new Browser();
    await browser.go(sp.settingsUrl(org));
    await browser.submit({ provider: "saml2" }, "init");
    await browser.submit({ action_save: "url", metadata_url: idp.descriptorUrl("acme") }, "metadata_url");
    const before = (await sp.results()).length;
    await browser.submit(mapping("user_id"), "identifier");
    await browser.signInAtIdp();
    const message = "Failed to map SAML attributes. Assertion returned the following attribute keys: 'user_email'";
    expect(await newResults(before)).toMatchObject([{ outcome: "mapping-failed", flow: "setup", org, message }]);
    expect(browser.url).toBe(sp.settingsUrl(org));
    expect(browser.text).toContain(`Authentication error: ${message.replace(/'/g, "&#x27;")}`);
    expect(browser.text).toContain("Choose a provider");
    expect((await idpInitiated(org))?.outcome).toBe("no-sso");
  });

  it("takes the IdP as pasted Metadata XML or as its fields (IdP Data), with Sentry's errors for each", async () => {
    const org = "pasted";
    const descriptor = await (await fetch(idp.descriptorUrl("acme"))).text();
    const browser = new Browser();
    await browser.go(sp.settingsUrl(org));
    await browser.submit({ provider: "saml2" }, "init");
    await browser.submit({ action_save: "xml", metadata_xml: "<md:EntityDescriptor" }, "metadata_xml");
    expect(browser.text).toContain("Failed to parse provided SAML2 metadata");
    expect(fieldValue(browser.text, "metadata_xml")).toBe("<md:EntityDescriptor");
    await browser.submit({ action_save: "xml", metadata_xml: descriptor }, "metadata_xml");
    expect(browser.text).toContain("Map Identity Provider Attributes");

    // IdP Data: the fields Sentry asks for, each checked as Sentry's form does.
    await browser.go(sp.settingsUrl(org));
    await browser.submit({ provider: "saml2" }, "init");
    const fields = { entity_id: idp.realmUrl("acme"), sso_url: `${idp.realmUrl("acme")}/protocol/saml`, slo_url: "", x509cert: certificateBase64(idp.certificatePem) };
    await browser.submit({ action_save: "idp", ...fields, x509cert: "", sso_url: "not a url" }, "entity_id");
    expect(browser.text).toMatch(/data-field='sso_url'>Enter a valid URL\./);
    expect(browser.text).toMatch(/data-field='x509cert'>This field is required\./);
    expect(browser.text).not.toMatch(/data-field='slo_url'/);
    await browser.submit({ action_save: "idp", ...fields }, "entity_id");
    const before = (await sp.results()).length;
    await browser.submit(mapping("user_email"), "identifier");
    await browser.signInAtIdp();
    expect(await newResults(before)).toMatchObject([{ outcome: "sso-configured", flow: "setup", org }]);
    expect(fieldValue(browser.text, "slo_url")).toBe("");
    expect((await idpInitiated(org))?.outcome).toBe("logged-in");
  });
});
