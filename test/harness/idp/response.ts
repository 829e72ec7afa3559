/**
 * A SAML Response built the way Keycloak's SamlProtocol.authenticated builds one (Keycloak 24–26):
 * Issuer = realm URL; Destination and SubjectConfirmationData Recipient = the ACS URL; Audience = the client ID;
 * InResponseTo on Response and SubjectConfirmationData (absent for IdP-initiated logins); Conditions NotBefore = now,
 * NotOnOrAfter = now + assertion lifespan; SubjectConfirmationData NotOnOrAfter = now + access token lifespan;
 * the Assertion declares only the default namespace (its saml: prefix is the Response's); SessionNotOnOrAfter = now + SSO session max (10 h); AuthnStatement only with
 * "Include AuthnStatement"; AttributeStatement only when a mapper emitted something; assertion signed, then encrypted,
 * then the document signed — each as the client's switches say.
 */
import { randomUUID } from "node:crypto";
import { encryptAssertion } from "./encrypt.js";
import type { KeycloakClient, KeycloakUser, SamlClientSettings } from "./keycloak-client.js";
import type { SamlAttribute } from "./mappers.js";
import { signElement, type RealmKey } from "./sign.js";
import { attrs, escapeText, instant, newId } from "./xml.js";

export interface ResponseInput {
  readonly client: KeycloakClient;
  readonly settings: SamlClientSettings;
  readonly user: KeycloakUser;
  readonly attributes: readonly SamlAttribute[];
  readonly realmUrl: string;
  readonly acsUrl: string;
  readonly inResponseTo: string | undefined;
  /** NameIDPolicy Format of the AuthnRequest, used unless the client forces its own format. */
  readonly requestedNameIdFormat: string | undefined;
  readonly now: Date;
  readonly key: RealmKey;
  readonly sessionIndex: string;
}

const UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";
const SSO_SESSION_MAX_SECONDS = 10 * 3600;

function nameId(input: ResponseInput): { format: string; value: string } {
  const { settings, user, requestedNameIdFormat } = input;
  const format = settings.forceNameIdFormat || requestedNameIdFormat === undefined || requestedNameIdFormat === UNSPECIFIED ? settings.nameIdFormat : requestedNameIdFormat;
  if (format.endsWith(":emailAddress")) return { format, value: user.email ?? "" };
  if (format.endsWith(":persistent")) return { format, value: `G-${user.id}` };
  if (format.endsWith(":transient")) return { format, value: `G-${randomUUID()}` };
  return { format, value: user.username };
}

function attributeStatement(attributes: readonly SamlAttribute[]): string {
  if (attributes.length === 0) return "";
  const elements = attributes.map(
    (attribute) =>
      `<saml:Attribute${attrs({ FriendlyName: attribute.friendlyName, Name: attribute.name, NameFormat: attribute.nameFormat })}>` +
      attribute.values
        .map(
          (value) =>
            `<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${escapeText(value)}</saml:AttributeValue>`,
        )
        .join("") +
      `</saml:Attribute>`,
  );
  return `<saml:AttributeStatement>${elements.join("")}</saml:AttributeStatement>`;
}

export function buildResponse(input: ResponseInput): string {
  const { settings, realmUrl, acsUrl, inResponseTo, now, key, client } = input;
  const responseId = newId();
  const assertionId = newId();
  const later = (seconds: number) => instant(new Date(now.getTime() + seconds * 1000));
  const subject = nameId(input);
  const authnStatement = settings.includeAuthnStatement
    ? `<saml:AuthnStatement${attrs({ AuthnInstant: instant(now), SessionIndex: input.sessionIndex, SessionNotOnOrAfter: later(SSO_SESSION_MAX_SECONDS) })}>` +
      `<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`
    : "";
  // Keycloak declares only the default namespace on the Assertion; its saml: prefix comes from the Response. A standalone
  // assertion (to be encrypted) needs its own declaration.
  const assertionXml = (standalone: boolean) =>
    `<saml:Assertion xmlns="urn:oasis:names:tc:SAML:2.0:assertion"${standalone ? ' xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"' : ""}${attrs({ ID: assertionId, IssueInstant: instant(now), Version: "2.0" })}>` +
    `<saml:Issuer>${escapeText(realmUrl)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID${attrs({ Format: subject.format })}>${escapeText(subject.value)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData${attrs({ InResponseTo: inResponseTo, NotOnOrAfter: later(settings.subjectLifespan), Recipient: acsUrl })}/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions${attrs({ NotBefore: instant(now), NotOnOrAfter: later(settings.assertionLifespan) })}>` +
    `<saml:AudienceRestriction><saml:Audience>${escapeText(client.clientId)}</saml:Audience></saml:AudienceRestriction>` +
    (settings.oneTimeUseCondition ? "<saml:OneTimeUse/>" : "") +
    `</saml:Conditions>` +
    authnStatement +
    attributeStatement(input.attributes) +
    `</saml:Assertion>`;
  const encrypt = settings.encryptAssertions && settings.encryptionCertificate !== undefined;
  let assertion = assertionXml(encrypt);
  if (encrypt && settings.encryptionCertificate !== undefined) {
    if (settings.signAssertions) assertion = signElement(assertion, assertionId, "Assertion", key, settings);
    assertion = encryptAssertion(assertion, settings.encryptionCertificate);
  }
  let response =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"${attrs({ Destination: acsUrl, ID: responseId, InResponseTo: inResponseTo, IssueInstant: instant(now), Version: "2.0" })}>` +
    `<saml:Issuer>${escapeText(realmUrl)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    assertion +
    `</samlp:Response>`;
  // Signed in place, as Keycloak signs it in the document (exclusive c14n brings the saml: declaration along).
  if (!encrypt && settings.signAssertions) response = signElement(response, assertionId, "Assertion", key, settings);
  if (settings.signDocuments) response = signElement(response, responseId, "Response", key, settings);
  return response;
}
