/**
 * A Keycloak-shaped SAML IdP for the test bench, driven by the same client records the real admin console edits.
 * Endpoints (Keycloak 17+ paths, no /auth):
 *   GET|POST /realms/{realm}/protocol/saml                 SAMLRequest (AuthnRequest or LogoutRequest), both bindings
 *   GET      /realms/{realm}/protocol/saml/clients/{name}  IdP-initiated login ("IDP-Initiated SSO URL name")
 *   GET      /realms/{realm}/protocol/saml/descriptor      IdP metadata
 *   GET|POST /realms/{realm}/login-actions/authenticate    the login form (ids as in Keycloak's theme)
 * Behaviour follows Keycloak's SamlService/SamlProtocol (see the comments at each step); simplifications are named.
 * Not reproduced: SSO cookies (every login shows the form), artifact binding, ECP, consent, required actions.
 */
import { createHash, createPublicKey, createSign, createVerify, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";
import { SIGNATURE_ALGORITHMS, samlSettings, verifyRedirectUri, type KeycloakClient, type KeycloakClientScope, type KeycloakUser } from "./keycloak-client.js";
import { attributesFor } from "./mappers.js";
import { buildResponse } from "./response.js";
import { certificateBase64, type RealmKey } from "./sign.js";
import { keycloakQueryParam } from "./query-encoding.js";
import { attrs, escapeAttribute, escapeText, instant, newId } from "./xml.js";
import { HARNESS_DIR } from "../paths.js";

export interface IdpRealm {
  readonly name: string;
  readonly clients: readonly KeycloakClient[];
  readonly clientScopes: readonly KeycloakClientScope[];
  readonly users: readonly KeycloakUser[];
}

/** Like Keycloak's event log: what happened, with Keycloak's error codes. */
export interface IdpEvent {
  readonly type: "LOGIN" | "LOGIN_ERROR" | "LOGOUT" | "SAML_REQUEST" | "SAML_RESPONSE";
  readonly realm: string;
  readonly clientId?: string;
  readonly error?: string;
  readonly detail?: string;
  readonly binding?: "POST" | "REDIRECT";
  readonly destination?: string;
  readonly xml?: string;
}

export interface IdpOptions {
  /** Where the server is reachable, e.g. http://127.0.0.1:41234 (the realm URL is `${origin}/realms/${realm}`). */
  readonly origin: () => string;
  readonly realm: (name: string) => IdpRealm | undefined;
  readonly now?: () => Date;
  readonly key?: RealmKey;
  readonly onEvent?: (event: IdpEvent) => void;
}

const KEYS = join(HARNESS_DIR, "idp", "keys");
export function benchRealmKey(): RealmKey {
  const certificatePem = readFileSync(join(KEYS, "realm-acme.cert.pem"), "utf8");
  const kid = createHash("sha256").update(certificateBase64(certificatePem)).digest("base64url").slice(0, 43);
  return { privateKeyPem: readFileSync(join(KEYS, "realm-acme.key.pem"), "utf8"), certificatePem, kid };
}
/** Used when a client's stored encryption certificate is not a real certificate (the bench's Keys tab fakes them). */
const FALLBACK_ENCRYPTION_CERT = () => readFileSync(join(KEYS, "client-encryption.cert.pem"), "utf8");

const NS_SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
const NS_SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
const NS_DS = "http://www.w3.org/2000/09/xmldsig#";
const BINDING = { POST: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", REDIRECT: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" } as const;
const SIG_ALGS: Readonly<Record<string, string>> = {
  "http://www.w3.org/2000/09/xmldsig#rsa-sha1": "RSA-SHA1",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": "RSA-SHA256",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512": "RSA-SHA512",
};

/** What the IdP needs of a request, whatever server carries it. */
export interface IdpRequest {
  readonly method: string;
  readonly url: URL;
  /** The request body (form-encoded for POST). */
  readonly body: string;
}

export interface IdpReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

interface PendingLogin {
  readonly realm: string;
  readonly clientId: string;
  readonly acsUrl: string;
  readonly binding: "POST" | "REDIRECT";
  readonly inResponseTo: string | undefined;
  readonly relayState: string | undefined;
  readonly requestedNameIdFormat: string | undefined;
  /** A LogoutResponse: its binding was chosen by the logout rules, which "Force POST binding" does not override. */
  readonly logout?: boolean;
}

function pem(certificate: string): string {
  if (certificate.includes("BEGIN CERTIFICATE")) return certificate;
  return `-----BEGIN CERTIFICATE-----\n${certificate.replace(/\s+/g, "").replace(/(.{64})/g, "$1\n")}\n-----END CERTIFICATE-----\n`;
}

function realCertificate(certificate: string | undefined): string | undefined {
  if (certificate === undefined) return undefined;
  try {
    new X509Certificate(pem(certificate));
    return pem(certificate);
  } catch {
    return undefined;
  }
}

function html(status: number, body: string, headers: Record<string, string> = {}): IdpReply {
  return { status, headers: { "content-type": "text/html; charset=utf-8", ...headers }, body };
}

/** Keycloak's login-theme error page; the message is in `#kc-error-message .instruction`, as in the real theme. */
function errorPage(message: string): IdpReply {
  return html(
    400,
    `<!doctype html><html><head><meta charset="utf-8"><title>We are sorry...</title></head><body><div id="kc-content"><h1 id="kc-page-title">We are sorry...</h1>` +
      `<div id="kc-error-message"><p class="instruction">${escapeText(message)}</p></div></div></body></html>`,
  );
}

export function createIdp(options: IdpOptions) {
  const key = options.key ?? benchRealmKey();
  const now = options.now ?? (() => new Date());
  const pending = new Map<string, PendingLogin>();
  const emit = (event: IdpEvent) => options.onEvent?.(event);
  const realmUrl = (realm: string) => `${options.origin()}/realms/${realm}`;

  function descriptor(realm: string): string {
    const sso = `${realmUrl(realm)}/protocol/saml`;
    // The bindings and their order as Keycloak 24–26 publish them (the bench serves only POST and Redirect).
    const SOAP = "urn:oasis:names:tc:SAML:2.0:bindings:SOAP";
    const ARTIFACT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact";
    const services = (tag: string, bindings: readonly string[]) => bindings.map((binding) => `<md:${tag} Binding="${binding}" Location="${sso}"/>`).join("");
    return (
      `<?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${escapeAttribute(realmUrl(realm))}">` +
      `<md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
      `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:KeyName>${key.kid}</ds:KeyName><ds:X509Data><ds:X509Certificate>${certificateBase64(key.certificatePem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
      `<md:ArtifactResolutionService Binding="${SOAP}" Location="${sso}/resolve" index="0"/>` +
      services("SingleLogoutService", [BINDING.POST, BINDING.REDIRECT, ARTIFACT, SOAP]) +
      `<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat><md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>` +
      `<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat><md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>` +
      services("SingleSignOnService", [BINDING.POST, BINDING.REDIRECT, SOAP, ARTIFACT]) +
      `</md:IDPSSODescriptor></md:EntityDescriptor>`
    );
  }

  function loginForm(realm: string, sessionId: string, error?: string): IdpReply {
    const action = `${realmUrl(realm)}/login-actions/authenticate?session_code=${encodeURIComponent(sessionId)}`;
    return html(
      error ? 401 : 200,
      `<!doctype html><html><head><meta charset="utf-8"><title>Sign in to ${escapeText(realm)}</title></head><body>` +
        `<h1 id="kc-page-title">Sign in to your account</h1>` +
        (error ? `<div class="alert-error"><span id="input-error">${escapeText(error)}</span></div>` : "") +
        `<form id="kc-form-login" method="post" action="${escapeAttribute(action)}">` +
        `<label for="username">Username or email</label><input id="username" name="username" type="text" autofocus autocomplete="username">` +
        `<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">` +
        `<input id="kc-login" type="submit" value="Sign In"></form></body></html>`,
    );
  }

  /** SamlProtocol's binding choice: Force POST binding → POST, else the binding the request came with. */
  function deliver(login: PendingLogin, xml: string): IdpReply {
    const settings = samlSettings(findClient(login.realm, login.clientId) ?? { clientId: login.clientId });
    const binding = login.logout !== true && settings.forcePostBinding ? "POST" : login.binding;
    emit({ type: "SAML_RESPONSE", realm: login.realm, clientId: login.clientId, binding, destination: login.acsUrl, xml });
    if (binding === "POST") {
      const relay = login.relayState === undefined ? "" : `<INPUT TYPE="HIDDEN" NAME="RelayState" VALUE="${escapeAttribute(login.relayState)}"/>`;
      return html(
        200,
        `<HTML><HEAD><TITLE>Authentication Redirect</TITLE></HEAD><BODY Onload="document.forms[0].submit()">` +
          `<FORM METHOD="POST" ACTION="${escapeAttribute(login.acsUrl)}"><INPUT TYPE="HIDDEN" NAME="SAMLResponse" VALUE="${Buffer.from(xml, "utf8").toString("base64")}"/>${relay}` +
          `<NOSCRIPT><P>JavaScript is disabled. We strongly recommend to enable it. Click the button below to continue.</P><INPUT TYPE="SUBMIT" VALUE="CONTINUE" /></NOSCRIPT></FORM></BODY></HTML>`,
      );
    }
    // HTTP-Redirect: raw DEFLATE + base64 in the query; the document signature moves to SigAlg/Signature, over the
    // query as it is sent (BaseSAML2BindingBuilder signs the raw query KeycloakUriBuilder built, values encoded by
    // Encode.encodeQueryParamAsIs).
    let query = `SAMLResponse=${keycloakQueryParam(deflateRawSync(Buffer.from(xml, "utf8")).toString("base64"))}`;
    if (login.relayState !== undefined) query += `&RelayState=${keycloakQueryParam(login.relayState)}`;
    if (settings.signDocuments) {
      const algorithm = SIGNATURE_ALGORITHMS[settings.signatureAlgorithm];
      query += `&SigAlg=${keycloakQueryParam(algorithm.signature)}`;
      const signature = createSign(algorithm.node).update(query).sign(key.privateKeyPem).toString("base64");
      query += `&Signature=${keycloakQueryParam(signature)}`;
    }
    const separator = login.acsUrl.includes("?") ? "&" : "?";
    return { status: 302, headers: { location: `${login.acsUrl}${separator}${query}` }, body: "" };
  }

  function findClient(realm: string, clientId: string): KeycloakClient | undefined {
    return options.realm(realm)?.clients.find((client) => client.clientId === clientId);
  }

  function fail(realm: string, clientId: string | undefined, error: string, message: string, detail?: string): IdpReply {
    emit({ type: "LOGIN_ERROR", realm, clientId, error, detail });
    return errorPage(message);
  }

  /** SamlService.AuthnRequest handling: client lookup, client signature, ACS resolution. */
  function authnRequest(realm: string, document: Document, binding: "POST" | "REDIRECT", url: URL, relayState: string | undefined): IdpReply {
    const root = document.documentElement;
    const issuer = root.getElementsByTagNameNS(NS_SAML, "Issuer")[0]?.textContent?.trim() ?? "";
    const client = findClient(realm, issuer);
    if (client === undefined) return fail(realm, issuer, "client_not_found", "Invalid Request", `Unknown login requester: ${issuer}`);
    if (client.enabled === false) return fail(realm, issuer, "client_disabled", "Login requester not enabled");
    if ((client.protocol ?? "openid-connect") !== "saml") return fail(realm, issuer, "invalid_client", "Wrong client protocol.");
    const settings = samlSettings(client);
    if (settings.clientSignatureRequired) {
      const problem = binding === "REDIRECT" ? verifyRedirectSignature(client, url, "SAMLRequest") : verifyPostSignature(root);
      if (problem !== null) return fail(realm, issuer, "invalid_signature", "Invalid requester", problem);
    }
    const requestedAcs = root.getAttribute("AssertionConsumerServiceURL") || undefined;
    const protocolBinding = root.getAttribute("ProtocolBinding") || undefined;
    let acsUrl: string | null | undefined;
    if (requestedAcs !== undefined) acsUrl = verifyRedirectUri(client, requestedAcs);
    else acsUrl = (protocolBinding === BINDING.POST || settings.forcePostBinding ? settings.acsPost : settings.acsRedirect) ?? client.adminUrl;
    if (!acsUrl) return fail(realm, issuer, "invalid_redirect_uri", "Invalid redirect uri", requestedAcs);
    const policy = root.getElementsByTagNameNS(NS_SAMLP, "NameIDPolicy")[0];
    const sessionId = newId();
    pending.set(sessionId, {
      realm,
      clientId: client.clientId,
      acsUrl,
      binding: protocolBinding === BINDING.POST ? "POST" : binding,
      inResponseTo: root.getAttribute("ID") || undefined,
      relayState,
      requestedNameIdFormat: policy?.getAttribute("Format") || undefined,
    });
    return loginForm(realm, sessionId);
  }

  /**
   * Redirect binding: SamlProtocolUtils.verifyRedirectSignature checks SigAlg + Signature with the client's certificate
   * over `kind=…[&RelayState=…]&SigAlg=…` rebuilt from the values exactly as they were sent (still URL-encoded).
   */
  function verifyRedirectSignature(client: KeycloakClient, url: URL, kind: string): string | null {
    const query = url.searchParams;
    const sigAlg = query.get("SigAlg");
    const signature = query.get("Signature");
    if (sigAlg === null) return "SigAlg was null";
    if (signature === null) return "Signature was null";
    const certificate = realCertificate(client.attributes?.["saml.signing.certificate"]);
    const algorithm = SIG_ALGS[sigAlg];
    if (certificate === undefined || algorithm === undefined) return "Cannot verify the request signature";
    const raw = new Map<string, string>();
    for (const pair of url.search.replace(/^\?/, "").split("&")) {
      const [name = "", value = ""] = pair.split(/=(.*)/s);
      if (!raw.has(name)) raw.set(name, value);
    }
    const signed = [`${kind}=${raw.get(kind) ?? ""}`];
    if (raw.has("RelayState")) signed.push(`RelayState=${raw.get("RelayState") ?? ""}`);
    signed.push(`SigAlg=${raw.get("SigAlg") ?? ""}`);
    const ok = createVerify(algorithm).update(signed.join("&")).verify(createPublicKey(certificate), Buffer.from(signature, "base64"));
    return ok ? null : "Invalid signature";
  }

  /** POST binding: an unsigned request is refused outright (signature value checking is not reproduced). */
  function verifyPostSignature(root: Element): string | null {
    return root.getElementsByTagNameNS(NS_DS, "Signature").length > 0 ? null : "Request was not signed";
  }

  function logoutRequest(realm: string, document: Document, relayState: string | undefined, requestBinding: "POST" | "REDIRECT"): IdpReply {
    const root = document.documentElement;
    const issuer = root.getElementsByTagNameNS(NS_SAML, "Issuer")[0]?.textContent?.trim() ?? "";
    const client = findClient(realm, issuer);
    if (client === undefined) return fail(realm, issuer, "client_not_found", "Invalid Request");
    const settings = samlSettings(client);
    // SamlService.logoutRequest (24–26): the answer goes back on the request's binding, unless Force POST binding is on
    // and the client has a POST URL; SamlProtocol.getLogoutServiceUrl takes the binding's logout URL and, when that
    // attribute is absent (Keycloak does not store empty ones), the Master SAML Processing URL. Checked against the real
    // server (test/keycloak): with the Master SAML Processing URL set, the LogoutResponse is POSTed there.
    const management = client.adminUrl?.trim() || undefined;
    const postUri = settings.logoutPost ?? management;
    const post = settings.forcePostBinding && postUri !== undefined ? true : requestBinding === "POST";
    const destination = post ? postUri : (settings.logoutRedirect ?? management);
    emit({ type: "LOGOUT", realm, clientId: issuer });
    if (!destination) return html(200, `<!doctype html><html><body><p id="kc-logout-message">You are logged out</p></body></html>`);
    const xml =
      `<samlp:LogoutResponse xmlns:samlp="${NS_SAMLP}" xmlns:saml="${NS_SAML}"${attrs({ Destination: destination, ID: newId(), InResponseTo: root.getAttribute("ID") || undefined, IssueInstant: instant(now()), Version: "2.0" })}>` +
      `<saml:Issuer>${escapeText(realmUrl(realm))}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status></samlp:LogoutResponse>`;
    return deliver({ realm, clientId: issuer, acsUrl: destination, binding: post ? "POST" : "REDIRECT", inResponseTo: undefined, relayState, requestedNameIdFormat: undefined, logout: true }, xml);
  }

  function samlEndpoint(request: IdpRequest, realm: string): IdpReply {
    const url = request.url;
    const binding: "POST" | "REDIRECT" = request.method === "POST" ? "POST" : "REDIRECT";
    const params = binding === "POST" ? new URLSearchParams(request.body) : url.searchParams;
    const encoded = params.get("SAMLRequest");
    if (encoded === null) return fail(realm, undefined, "invalid_request", "Invalid Request", "No SAMLRequest");
    let xml: string;
    try {
      const bytes = Buffer.from(encoded, "base64");
      xml = (binding === "REDIRECT" ? inflateRawSync(bytes) : bytes).toString("utf8");
    } catch {
      return fail(realm, undefined, "invalid_request", "Invalid Request", "SAMLRequest could not be decoded");
    }
    let document: Document;
    try {
      document = new DOMParser({ onError: () => undefined }).parseFromString(xml, "text/xml") as unknown as Document;
      if (!document.documentElement) throw new Error("empty");
    } catch {
      return fail(realm, undefined, "invalid_request", "Invalid Request", "SAMLRequest is not XML");
    }
    emit({ type: "SAML_REQUEST", realm, binding, xml });
    const relayState = params.get("RelayState") ?? undefined;
    const kind = document.documentElement.localName;
    if (kind === "AuthnRequest") return authnRequest(realm, document, binding, url, relayState);
    if (kind === "LogoutRequest") return logoutRequest(realm, document, relayState, binding);
    return fail(realm, undefined, "invalid_request", "Invalid Request", `Unsupported ${kind}`);
  }

  /** IdP-initiated: the client found by its "IDP-Initiated SSO URL name"; ACS = ACS POST URL, else Master SAML Processing URL. */
  function idpInitiated(realm: string, name: string): IdpReply {
    const client = options.realm(realm)?.clients.find((candidate) => samlSettings(candidate).idpInitiatedName === name);
    if (client === undefined) return fail(realm, undefined, "client_not_found", "Client not found.");
    const settings = samlSettings(client);
    const acsUrl = settings.acsPost ?? client.adminUrl;
    if (!acsUrl) return fail(realm, client.clientId, "invalid_redirect_uri", "Invalid redirect uri");
    const sessionId = newId();
    pending.set(sessionId, { realm, clientId: client.clientId, acsUrl, binding: "POST", inResponseTo: undefined, relayState: settings.idpInitiatedRelayState, requestedNameIdFormat: undefined });
    return loginForm(realm, sessionId);
  }

  function authenticate(request: IdpRequest, realmName: string): IdpReply {
    const sessionId = request.url.searchParams.get("session_code") ?? "";
    const login = pending.get(sessionId);
    if (login === undefined || login.realm !== realmName) return errorPage("Your login attempt timed out. Login will start from the beginning.");
    if (request.method !== "POST") return loginForm(realmName, sessionId);
    const form = new URLSearchParams(request.body);
    const realm = options.realm(realmName);
    const username = form.get("username") ?? "";
    const user = realm?.users.find((candidate) => candidate.username === username || (candidate.email !== undefined && candidate.email === username));
    const password = user?.credentials?.find((credential) => credential.type === "password")?.value;
    if (realm === undefined || user === undefined || user.enabled === false || password === undefined || password !== form.get("password")) {
      emit({ type: "LOGIN_ERROR", realm: realmName, clientId: login.clientId, error: "invalid_user_credentials" });
      return loginForm(realmName, sessionId, "Invalid username or password.");
    }
    pending.delete(sessionId);
    const client = findClient(realmName, login.clientId);
    if (client === undefined) return fail(realmName, login.clientId, "client_not_found", "Client not found.");
    const settings = samlSettings(client);
    const xml = buildResponse({
      client,
      settings: { ...settings, encryptionCertificate: settings.encryptAssertions ? (realCertificate(settings.encryptionCertificate) ?? FALLBACK_ENCRYPTION_CERT()) : undefined },
      user,
      attributes: attributesFor(client, realm.clientScopes, user),
      realmUrl: realmUrl(realmName),
      acsUrl: login.acsUrl,
      inResponseTo: login.inResponseTo,
      requestedNameIdFormat: login.requestedNameIdFormat,
      now: now(),
      key,
      sessionIndex: newId(),
    });
    emit({ type: "LOGIN", realm: realmName, clientId: login.clientId });
    return deliver(login, xml);
  }

  /** Answers the IdP's routes; `undefined` for any other path so the caller can route it elsewhere. */
  function handle(request: IdpRequest): IdpReply | undefined {
    const match = /^\/realms\/([^/]+)\/(protocol\/saml(?:\/descriptor|\/clients\/([^/]+))?|login-actions\/authenticate)\/?$/.exec(request.url.pathname);
    if (match === null) return undefined;
    const realm = decodeURIComponent(match[1] ?? "");
    if (options.realm(realm) === undefined) return html(404, `<!doctype html><p>Realm does not exist</p>`);
    const route = match[2] ?? "";
    if (route === "protocol/saml/descriptor") return { status: 200, headers: { "content-type": "text/xml; charset=utf-8" }, body: descriptor(realm) };
    if (match[3] !== undefined) return idpInitiated(realm, decodeURIComponent(match[3]));
    if (route === "login-actions/authenticate") return authenticate(request, realm);
    return samlEndpoint(request, realm);
  }

  return { handle, descriptor, realmUrl, key };
}
