/**
 * The one place that knows Keycloak's client keys: client attribute keys and top-level client fields, each with a name
 * in the user's words and where the admin console shows it (label as rendered by console 24–26, tab and section), and
 * the client scopes SAML Lens names. Keys are from Keycloak's SamlConfigAttributes / SamlProtocol; labels from the
 * admin console (see docs/keycloak-admin-console.md). Protocol mappers are in mappers.ts.
 */
import type { ClientTab } from "./console-routes.js";

/** A client page's tabs, by the label the console shows, with the route segment each opens. */
export const CLIENT_TABS = {
  Settings: "settings",
  Keys: "keys",
  "Client scopes": "clientScopes",
  Advanced: "advanced",
} as const satisfies Record<string, ClientTab>;

export type ClientTabLabel = keyof typeof CLIENT_TABS;

export interface FieldPlace {
  readonly label: string;
  readonly tab: string;
  readonly section?: string;
}

interface SettingEntry extends FieldPlace {
  readonly tab: ClientTabLabel;
  /** Where the value lives in a ClientRepresentation. */
  readonly where: "attribute" | "top-level";
  readonly key: string;
  /** A select that stores something else than the option it shows: stored value → the option's label. */
  readonly options?: Readonly<Record<string, string>>;
}

export const CLIENT_SETTINGS = {
  clientId: { where: "top-level", key: "clientId", label: "Client ID", tab: "Settings", section: "General settings" },
  protocol: { where: "top-level", key: "protocol", label: "Client type", tab: "Settings", section: "General settings" },
  redirectUris: { where: "top-level", key: "redirectUris", label: "Valid redirect URIs", tab: "Settings", section: "Access settings" },
  masterSamlProcessingUrl: { where: "top-level", key: "adminUrl", label: "Master SAML Processing URL", tab: "Settings", section: "Access settings" },
  frontChannelLogout: { where: "top-level", key: "frontchannelLogout", label: "Front channel logout", tab: "Settings", section: "Logout settings" },
  defaultClientScopes: { where: "top-level", key: "defaultClientScopes", label: "Assigned client scope", tab: "Client scopes", section: "Setup" },
  idpInitiatedSsoUrlName: { where: "attribute", key: "saml_idp_initiated_sso_url_name", label: "IDP-Initiated SSO URL name", tab: "Settings", section: "Access settings" },
  nameIdFormat: { where: "attribute", key: "saml_name_id_format", label: "Name ID format", tab: "Settings", section: "SAML capabilities" },
  forceNameIdFormat: { where: "attribute", key: "saml_force_name_id_format", label: "Force name ID format", tab: "Settings", section: "SAML capabilities" },
  forcePostBinding: { where: "attribute", key: "saml.force.post.binding", label: "Force POST binding", tab: "Settings", section: "SAML capabilities" },
  forceArtifactBinding: { where: "attribute", key: "saml.artifact.binding", label: "Force artifact binding", tab: "Settings", section: "SAML capabilities" },
  includeAuthnStatement: { where: "attribute", key: "saml.authnstatement", label: "Include AuthnStatement", tab: "Settings", section: "SAML capabilities" },
  includeOneTimeUseCondition: { where: "attribute", key: "saml.onetimeuse.condition", label: "Include OneTimeUse Condition", tab: "Settings", section: "SAML capabilities" },
  optimizeRedirectSigningKeyLookup: { where: "attribute", key: "saml.server.signature.keyinfo.ext", label: "Optimize REDIRECT signing key lookup", tab: "Settings", section: "SAML capabilities" },
  allowEcpFlow: { where: "attribute", key: "saml.allow.ecp.flow", label: "Allow ECP flow", tab: "Settings", section: "SAML capabilities" },
  signDocuments: { where: "attribute", key: "saml.server.signature", label: "Sign documents", tab: "Settings", section: "Signature and Encryption" },
  signAssertions: { where: "attribute", key: "saml.assertion.signature", label: "Sign assertions", tab: "Settings", section: "Signature and Encryption" },
  signatureAlgorithm: { where: "attribute", key: "saml.signature.algorithm", label: "Signature algorithm", tab: "Settings", section: "Signature and Encryption" },
  signatureKeyName: { where: "attribute", key: "saml.server.signature.keyinfo.xmlSigKeyInfoKeyNameTransformer", label: "SAML signature key name", tab: "Settings", section: "Signature and Encryption" },
  canonicalizationMethod: {
    where: "attribute",
    key: "saml_signature_canonicalization_method",
    label: "Canonicalization method",
    tab: "Settings",
    section: "Signature and Encryption",
    options: {
      "http://www.w3.org/2001/10/xml-exc-c14n#": "EXCLUSIVE",
      "http://www.w3.org/2001/10/xml-exc-c14n#WithComments": "EXCLUSIVE_WITH_COMMENTS",
      "http://www.w3.org/TR/2001/REC-xml-c14n-20010315": "INCLUSIVE",
      "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments": "INCLUSIVE_WITH_COMMENTS",
    },
  },
  encryptAssertions: { where: "attribute", key: "saml.encrypt", label: "Encrypt assertions", tab: "Keys", section: "Encryption keys config" },
  clientSignatureRequired: { where: "attribute", key: "saml.client.signature", label: "Client signature required", tab: "Keys", section: "Signing keys config" },
  clientSigningCertificate: { where: "attribute", key: "saml.signing.certificate", label: "Certificate", tab: "Keys", section: "Signing keys config" },
  assertionConsumerPostUrl: { where: "attribute", key: "saml_assertion_consumer_url_post", label: "Assertion Consumer Service POST Binding URL", tab: "Advanced", section: "Fine Grain SAML Endpoint Configuration" },
  assertionConsumerRedirectUrl: { where: "attribute", key: "saml_assertion_consumer_url_redirect", label: "Assertion Consumer Service Redirect Binding URL", tab: "Advanced", section: "Fine Grain SAML Endpoint Configuration" },
  logoutRedirectUrl: { where: "attribute", key: "saml_single_logout_service_url_redirect", label: "Logout Service Redirect Binding URL", tab: "Advanced", section: "Fine Grain SAML Endpoint Configuration" },
  logoutPostUrl: { where: "attribute", key: "saml_single_logout_service_url_post", label: "Logout Service POST Binding URL", tab: "Advanced", section: "Fine Grain SAML Endpoint Configuration" },
  logoutSoapUrl: { where: "attribute", key: "saml_single_logout_service_url_soap", label: "Logout Service SOAP Binding URL", tab: "Advanced", section: "Fine Grain SAML Endpoint Configuration" },
  logoutArtifactUrl: { where: "attribute", key: "saml_single_logout_service_url_artifact", label: "Logout Service ARTIFACT Binding URL", tab: "Advanced", section: "Fine Grain SAML Endpoint Configuration" },
} as const satisfies Record<string, SettingEntry>;

export type ClientSettingName = keyof typeof CLIENT_SETTINGS;
export type ClientAttributeName = {
  [Name in ClientSettingName]: (typeof CLIENT_SETTINGS)[Name]["where"] extends "attribute" ? Name : never;
}[ClientSettingName];

/** Where a client setting is shown, for a finding's `field`. */
export function fieldPlace(name: ClientSettingName): FieldPlace {
  const { label, tab, section } = CLIENT_SETTINGS[name];
  return { label, tab, section };
}

export function settingKey(name: ClientSettingName): string {
  return CLIENT_SETTINGS[name].key;
}

/** The option a select shows for a stored value, when the two differ (Canonicalization method stores a URI). */
export function optionLabel(name: ClientSettingName, stored: string): string | undefined {
  const entry: SettingEntry = CLIENT_SETTINGS[name];
  return entry.options?.[stored];
}

/** The route segment of the tab that shows a client setting. */
export function settingTab(name: ClientSettingName): ClientTab {
  return CLIENT_TABS[CLIENT_SETTINGS[name].tab];
}

/** The client scope Keycloak assigns to every new SAML client; its role list mapper repeats the Role attribute. */
export const ROLE_LIST_SCOPE = "role_list";


/** The dedicated scope that holds a client's own mappers (Keycloak ≥ 19). */
export function dedicatedScopeName(clientId: string): string {
  return `${clientId}-dedicated`;
}

/** Reads a Keycloak boolean attribute; Keycloak treats anything but "true" as off (SamlClient). */
export function isOn(value: string | undefined): boolean {
  return value === "true";
}
