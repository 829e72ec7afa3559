/**
 * The typed model of the four SAML protocol messages Sentry and Keycloak exchange, built from the parsed XML tree.
 * The zod schema describes the JSON form (what the panel stores and the CLI prints), so it can be validated when it
 * crosses a boundary. Values are kept as written (untrimmed), because the service provider compares them as written.
 */
import * as z from "zod/mini";
import { NS, attribute, child, children, descendants, textContent, type XmlElement } from "./xml.js";

const optionalString = z.optional(z.string());

const statusSchema = z.object({ code: optionalString, subCode: optionalString, message: optionalString });

const signatureSummarySchema = z.object({
  /** Local name of the element that carries the signature, e.g. "Response" or "Assertion". */
  signedElement: z.string(),
  signedElementId: optionalString,
  referenceUri: optionalString,
  signatureAlgorithm: optionalString,
  digestAlgorithm: optionalString,
  canonicalizationAlgorithm: optionalString,
  /** Base64 DER of the first X509Certificate in KeyInfo. */
  certificate: optionalString,
});

const nameIdSchema = z.object({ value: z.string(), format: optionalString, spNameQualifier: optionalString });

const subjectConfirmationSchema = z.object({
  method: optionalString,
  hasData: z.boolean(),
  recipient: optionalString,
  notOnOrAfter: optionalString,
  notBefore: optionalString,
  inResponseTo: optionalString,
});

const attributeSchema = z.object({
  name: optionalString,
  nameFormat: optionalString,
  friendlyName: optionalString,
  values: z.array(z.string()),
});

const authnStatementSchema = z.object({
  authnInstant: optionalString,
  sessionIndex: optionalString,
  sessionNotOnOrAfter: optionalString,
  authnContextClassRef: optionalString,
});

const assertionSchema = z.object({
  id: optionalString,
  issueInstant: optionalString,
  issuers: z.array(z.string()),
  nameId: z.optional(nameIdSchema),
  encryptedNameId: z.boolean(),
  subjectConfirmations: z.array(subjectConfirmationSchema),
  conditionsCount: z.number(),
  conditions: z.optional(z.object({ notBefore: optionalString, notOnOrAfter: optionalString, audiences: z.array(z.string()) })),
  authnStatements: z.array(authnStatementSchema),
  attributeStatementCount: z.number(),
  attributes: z.array(attributeSchema),
  encryptedAttributeCount: z.number(),
  signatures: z.array(signatureSummarySchema),
});

const common = {
  id: optionalString,
  version: optionalString,
  issueInstant: optionalString,
  destination: optionalString,
  /** Every Issuer child, as written (more than one is an error the SP reports). */
  issuers: z.array(z.string()),
  signatures: z.array(signatureSummarySchema),
};

const responseSchema = z.object({
  kind: z.literal("Response"),
  ...common,
  inResponseTo: optionalString,
  status: z.optional(statusSchema),
  assertions: z.array(assertionSchema),
  encryptedAssertionCount: z.number(),
  /** Assertions anywhere in the document, encrypted or not: python3-saml counts these, not only direct children. */
  assertionCountAnywhere: z.number(),
});

const authnRequestSchema = z.object({
  kind: z.literal("AuthnRequest"),
  ...common,
  assertionConsumerServiceUrl: optionalString,
  protocolBinding: optionalString,
  nameIdPolicyFormat: optionalString,
  forceAuthn: optionalString,
  isPassive: optionalString,
});

const logoutRequestSchema = z.object({
  kind: z.literal("LogoutRequest"),
  ...common,
  nameId: z.optional(nameIdSchema),
  sessionIndexes: z.array(z.string()),
  notOnOrAfter: optionalString,
});

const logoutResponseSchema = z.object({
  kind: z.literal("LogoutResponse"),
  ...common,
  inResponseTo: optionalString,
  status: z.optional(statusSchema),
});

export const samlMessageSchema = z.discriminatedUnion("kind", [responseSchema, authnRequestSchema, logoutRequestSchema, logoutResponseSchema]);

export type Status = z.infer<typeof statusSchema>;
export type SignatureSummary = z.infer<typeof signatureSummarySchema>;
export type NameId = z.infer<typeof nameIdSchema>;
export type SubjectConfirmation = z.infer<typeof subjectConfirmationSchema>;
export type SamlAttribute = z.infer<typeof attributeSchema>;
export type AuthnStatement = z.infer<typeof authnStatementSchema>;
export type Assertion = z.infer<typeof assertionSchema>;
export type SamlResponse = z.infer<typeof responseSchema>;
export type AuthnRequest = z.infer<typeof authnRequestSchema>;
export type LogoutRequest = z.infer<typeof logoutRequestSchema>;
export type LogoutResponse = z.infer<typeof logoutResponseSchema>;
export type SamlMessage = z.infer<typeof samlMessageSchema>;
export type MessageKind = SamlMessage["kind"];

export type ModelResult = { readonly ok: true; readonly message: SamlMessage } | { readonly ok: false; readonly message: string };

/** Builds the model from the root element. Never throws; a root that is not a SAML protocol message is an error. */
export function buildModel(root: XmlElement): ModelResult {
  if (root.ns !== NS.samlp) {
    return { ok: false, message: `The root element <${root.name}> is not a SAML protocol message (namespace ${root.ns ?? "none"}).` };
  }
  switch (root.local) {
    case "Response":
      return { ok: true, message: buildResponse(root) };
    case "AuthnRequest":
      return { ok: true, message: buildAuthnRequest(root) };
    case "LogoutRequest":
      return { ok: true, message: buildLogoutRequest(root) };
    case "LogoutResponse":
      return { ok: true, message: buildLogoutResponse(root) };
    default:
      return { ok: false, message: `<${root.name}> is a SAML protocol element this tool does not analyse.` };
  }
}

function commonFields(root: XmlElement) {
  return {
    id: attribute(root, "ID"),
    version: attribute(root, "Version"),
    issueInstant: attribute(root, "IssueInstant"),
    destination: attribute(root, "Destination"),
    issuers: children(root, NS.saml, "Issuer").map(textContent),
    signatures: children(root, NS.ds, "Signature").map(summarizeSignature),
  };
}

function buildResponse(root: XmlElement): SamlResponse {
  return {
    kind: "Response",
    ...commonFields(root),
    inResponseTo: attribute(root, "InResponseTo"),
    status: readStatus(root),
    assertions: children(root, NS.saml, "Assertion").map(buildAssertion),
    encryptedAssertionCount: children(root, NS.saml, "EncryptedAssertion").length,
    assertionCountAnywhere: descendants(root, NS.saml, "Assertion").length + descendants(root, NS.saml, "EncryptedAssertion").length,
  };
}

function buildAuthnRequest(root: XmlElement): AuthnRequest {
  const policy = child(root, NS.samlp, "NameIDPolicy");
  return {
    kind: "AuthnRequest",
    ...commonFields(root),
    assertionConsumerServiceUrl: attribute(root, "AssertionConsumerServiceURL"),
    protocolBinding: attribute(root, "ProtocolBinding"),
    nameIdPolicyFormat: policy === undefined ? undefined : attribute(policy, "Format"),
    forceAuthn: attribute(root, "ForceAuthn"),
    isPassive: attribute(root, "IsPassive"),
  };
}

function buildLogoutRequest(root: XmlElement): LogoutRequest {
  const nameId = child(root, NS.saml, "NameID");
  return {
    kind: "LogoutRequest",
    ...commonFields(root),
    nameId: nameId === undefined ? undefined : readNameId(nameId),
    sessionIndexes: children(root, NS.samlp, "SessionIndex").map(textContent),
    notOnOrAfter: attribute(root, "NotOnOrAfter"),
  };
}

function buildLogoutResponse(root: XmlElement): LogoutResponse {
  return { kind: "LogoutResponse", ...commonFields(root), inResponseTo: attribute(root, "InResponseTo"), status: readStatus(root) };
}

function readStatus(root: XmlElement): Status | undefined {
  const status = child(root, NS.samlp, "Status");
  if (status === undefined) return undefined;
  const code = child(status, NS.samlp, "StatusCode");
  const subCode = code === undefined ? undefined : child(code, NS.samlp, "StatusCode");
  const message = child(status, NS.samlp, "StatusMessage");
  return {
    code: code === undefined ? undefined : attribute(code, "Value"),
    subCode: subCode === undefined ? undefined : attribute(subCode, "Value"),
    message: message === undefined ? undefined : textContent(message),
  };
}

function buildAssertion(assertion: XmlElement): Assertion {
  const subject = child(assertion, NS.saml, "Subject");
  const nameId = subject === undefined ? undefined : child(subject, NS.saml, "NameID");
  const conditionsList = children(assertion, NS.saml, "Conditions");
  const conditions = conditionsList[0];
  const attributeStatements = children(assertion, NS.saml, "AttributeStatement");
  return {
    id: attribute(assertion, "ID"),
    issueInstant: attribute(assertion, "IssueInstant"),
    issuers: children(assertion, NS.saml, "Issuer").map(textContent),
    nameId: nameId === undefined ? undefined : readNameId(nameId),
    encryptedNameId: subject !== undefined && child(subject, NS.saml, "EncryptedID") !== undefined,
    subjectConfirmations: subject === undefined ? [] : children(subject, NS.saml, "SubjectConfirmation").map(readSubjectConfirmation),
    conditionsCount: conditionsList.length,
    conditions:
      conditions === undefined
        ? undefined
        : {
            notBefore: attribute(conditions, "NotBefore"),
            notOnOrAfter: attribute(conditions, "NotOnOrAfter"),
            audiences: children(conditions, NS.saml, "AudienceRestriction").flatMap((restriction) =>
              children(restriction, NS.saml, "Audience").map(textContent),
            ),
          },
    authnStatements: children(assertion, NS.saml, "AuthnStatement").map(readAuthnStatement),
    attributeStatementCount: attributeStatements.length,
    attributes: attributeStatements.flatMap((statement) => children(statement, NS.saml, "Attribute").map(readAttribute)),
    encryptedAttributeCount: attributeStatements.reduce((sum, statement) => sum + children(statement, NS.saml, "EncryptedAttribute").length, 0),
    signatures: children(assertion, NS.ds, "Signature").map(summarizeSignature),
  };
}

function readNameId(element: XmlElement): NameId {
  return { value: textContent(element), format: attribute(element, "Format"), spNameQualifier: attribute(element, "SPNameQualifier") };
}

function readSubjectConfirmation(element: XmlElement): SubjectConfirmation {
  const data = child(element, NS.saml, "SubjectConfirmationData");
  return {
    method: attribute(element, "Method"),
    hasData: data !== undefined,
    recipient: data === undefined ? undefined : attribute(data, "Recipient"),
    notOnOrAfter: data === undefined ? undefined : attribute(data, "NotOnOrAfter"),
    notBefore: data === undefined ? undefined : attribute(data, "NotBefore"),
    inResponseTo: data === undefined ? undefined : attribute(data, "InResponseTo"),
  };
}

function readAuthnStatement(element: XmlElement): AuthnStatement {
  const context = child(element, NS.saml, "AuthnContext");
  const classRef = context === undefined ? undefined : child(context, NS.saml, "AuthnContextClassRef");
  return {
    authnInstant: attribute(element, "AuthnInstant"),
    sessionIndex: attribute(element, "SessionIndex"),
    sessionNotOnOrAfter: attribute(element, "SessionNotOnOrAfter"),
    authnContextClassRef: classRef === undefined ? undefined : textContent(classRef),
  };
}

/** Values as python3-saml returns them: trimmed, empty ones dropped. */
function readAttribute(element: XmlElement): SamlAttribute {
  const values: string[] = [];
  for (const value of children(element, NS.saml, "AttributeValue")) {
    const text = textContent(value).trim();
    if (text !== "") values.push(text);
  }
  return {
    name: attribute(element, "Name"),
    nameFormat: attribute(element, "NameFormat"),
    friendlyName: attribute(element, "FriendlyName"),
    values,
  };
}

function summarizeSignature(signature: XmlElement): SignatureSummary {
  const signedInfo = child(signature, NS.ds, "SignedInfo");
  const reference = signedInfo === undefined ? undefined : child(signedInfo, NS.ds, "Reference");
  const method = signedInfo === undefined ? undefined : child(signedInfo, NS.ds, "SignatureMethod");
  const c14n = signedInfo === undefined ? undefined : child(signedInfo, NS.ds, "CanonicalizationMethod");
  const digest = reference === undefined ? undefined : child(reference, NS.ds, "DigestMethod");
  const certificate = descendants(signature, NS.ds, "X509Certificate")[0];
  const parent = signature.parent;
  return {
    signedElement: parent?.local ?? "",
    signedElementId: parent === null ? undefined : attribute(parent, "ID"),
    referenceUri: reference === undefined ? undefined : attribute(reference, "URI"),
    signatureAlgorithm: method === undefined ? undefined : attribute(method, "Algorithm"),
    digestAlgorithm: digest === undefined ? undefined : attribute(digest, "Algorithm"),
    canonicalizationAlgorithm: c14n === undefined ? undefined : attribute(c14n, "Algorithm"),
    certificate: certificate === undefined ? undefined : textContent(certificate).replace(/\s+/g, ""),
  };
}
