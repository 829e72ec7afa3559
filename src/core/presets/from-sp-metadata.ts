/**
 * Preset: from an SP's EntityDescriptor (for Sentry, the XML served at its entity ID URL `P/saml/metadata/O/`).
 *
 * Metadata states endpoints, bindings, signing wishes, NameID formats and certificates, but not how the SP validates
 * responses or which attribute names the user typed into it. When the entity ID and ACS have Sentry's shape, the
 * missing facts come from what we know about Sentry, and the preset equals the one built from URL + slug.
 */
import { attribute, child, children, parseXml, textContent, NS, type XmlElement } from "../saml/xml.js";
import { presetChoiceAt, type PresetChoice } from "./choice.js";
import { parseSentryUrl } from "./inputs.js";
import { keycloakExpectations } from "./keycloak-expectations.js";
import type { InputProblem, PresetResult, SpDescription, SpEndpoint } from "./schema.js";
import { describeSentrySp, parseSentryEntityId, DEFAULT_ATTRIBUTE_NAMES, sentryEndpoints, type SentryAttributeNames } from "./sentry-sp.js";

export interface SpMetadataPresetOptions {
  /** What the user typed into Sentry's attribute mapping, if the metadata is Sentry's. */
  readonly attributeNames?: Partial<SentryAttributeNames>;
}

function fail(code: string, message: string): PresetResult {
  return { ok: false, error: { code, message } };
}

export function presetFromSpMetadata(xml: string, options: SpMetadataPresetOptions = {}): PresetResult {
  const parsed = parseXml(xml);
  if (!parsed.ok) return fail("metadata.xml", `The SP metadata is not readable XML: ${parsed.error.message}`);
  const entity = findEntityDescriptor(parsed.root);
  if (typeof entity === "string") return fail("metadata.shape", entity);
  const entityId = attribute(entity, "entityID")?.trim() ?? "";
  if (entityId === "") return fail("metadata.entity-id", "The EntityDescriptor has no entityID.");
  const spElement = child(entity, NS.md, "SPSSODescriptor");
  if (spElement === undefined) {
    const idp = child(entity, NS.md, "IDPSSODescriptor") !== undefined;
    return fail(
      "metadata.not-sp",
      idp
        ? "This is identity provider metadata (it has an IDPSSODescriptor), e.g. Keycloak's own descriptor. " +
            "Give the service provider's metadata, e.g. the XML Sentry serves at its entity ID URL (…/saml/metadata/<org>/)."
        : "The metadata has no SPSSODescriptor, so it does not describe a service provider.",
    );
  }
  const acs = orderedAssertionConsumerServices(spElement);
  if (acs.length === 0) return fail("metadata.no-acs", "The SP metadata has no AssertionConsumerService with a Location.");
  const warnings: InputProblem[] = [];
  const certificates = keyDescriptors(spElement);
  const fromMetadata = {
    entityId,
    assertionConsumerServices: acs,
    singleLogoutServices: endpoints(spElement, "SingleLogoutService"),
    signsAuthnRequests: xsBoolean(attribute(spElement, "AuthnRequestsSigned")),
    wantsAssertionsSigned: xsBoolean(attribute(spElement, "WantAssertionsSigned")),
    canDecryptAssertions: certificates.some((certificate) => certificate.use !== "signing"),
    nameIdFormats: children(spElement, NS.md, "NameIDFormat").map((element) => textContent(element).trim()),
    certificates,
  };

  const sentry = parseSentryEntityId(entityId);
  const isSentry = sentry !== null && acs[0]?.url === sentryEndpoints(sentry.urlPrefix, sentry.orgSlug).acsUrl;
  let sp: SpDescription;
  if (isSentry) {
    const identifier = options.attributeNames?.identifier?.trim();
    const userEmail = options.attributeNames?.userEmail?.trim();
    const base = describeSentrySp(
      sentry.urlPrefix,
      sentry.orgSlug,
      {
        identifier: identifier || DEFAULT_ATTRIBUTE_NAMES.identifier,
        userEmail: userEmail || DEFAULT_ATTRIBUTE_NAMES.userEmail,
      },
      { identifier: !identifier, userEmail: !userEmail },
    );
    sp = { ...base, ...fromMetadata };
  } else {
    if (options.attributeNames !== undefined) {
      warnings.push({
        code: "metadata.attribute-names-ignored",
        message: "The attribute names apply to Sentry's mapping; this metadata is not Sentry's, so they were not used.",
      });
    }
    sp = {
      ...fromMetadata,
      wantsResponsesSigned: null,
      attributes: { lookupBy: "unknown", required: requestedAttributes(spElement) },
      clockToleranceSeconds: null,
      validator: null,
    };
  }
  return {
    ok: true,
    preset: {
      id: "from-sp-metadata",
      name: isSentry ? "Sentry (from its SP metadata)" : `SP metadata of ${entityId}`,
      derivedFrom: "SP metadata (EntityDescriptor)",
      sp,
      keycloak: keycloakExpectations(sp),
    },
    warnings,
  };
}

/**
 * Sentry's SP metadata names the Sentry URL prefix and the organization: its URL is Sentry's entity ID
 * (`P/saml/metadata/O/`), and the XML served there carries the same entity ID. Metadata of another SP is refused: the
 * wizard sets up Sentry (check-client handles any SP).
 */
export function choiceFromSentryMetadata(text: string): { ok: true; choice: PresetChoice } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, message: "Paste Sentry's SP metadata: the XML, or its URL (…/saml/metadata/<org>/)." };
  if (!trimmed.startsWith("<")) {
    const url = parseSentryUrl(trimmed);
    if (!url.ok) return { ok: false, message: url.error.message };
    if (url.value.orgFromUrl === null || !/\/saml\/metadata\/[^/]+\/?$/.test(trimmed)) {
      return { ok: false, message: `"${trimmed}" is not Sentry's SP metadata URL, which ends in /saml/metadata/<org>/. Paste the metadata XML instead.` };
    }
    return { ok: true, choice: presetChoiceAt(url.value.urlPrefix, url.value.orgFromUrl) };
  }
  const metadata = presetFromSpMetadata(trimmed);
  if (!metadata.ok) return { ok: false, message: metadata.error.message };
  const sentry = parseSentryEntityId(metadata.preset.sp.entityId);
  if (sentry === null || metadata.preset.sp.validator === null) {
    return { ok: false, message: `This metadata describes ${metadata.preset.sp.entityId}, which is not a Sentry organization (…/saml/metadata/<org>/). The wizard sets up Sentry.` };
  }
  return { ok: true, choice: presetChoiceAt(sentry.urlPrefix, sentry.orgSlug) };
}

function findEntityDescriptor(root: XmlElement): XmlElement | string {
  if (root.ns === NS.md && root.local === "EntityDescriptor") return root;
  if (root.ns === NS.md && root.local === "EntitiesDescriptor") {
    const sps = children(root, NS.md, "EntityDescriptor").filter((entity) => child(entity, NS.md, "SPSSODescriptor") !== undefined);
    const only = sps[0];
    if (sps.length === 1 && only !== undefined) return only;
    return `The EntitiesDescriptor holds ${sps.length} service providers; give the metadata of one.`;
  }
  return `The XML is a ${root.local}, not SAML metadata (an md:EntityDescriptor in namespace ${NS.md}).`;
}

function endpoints(sp: XmlElement, local: string): SpEndpoint[] {
  const out: SpEndpoint[] = [];
  for (const element of children(sp, NS.md, local)) {
    const url = attribute(element, "Location")?.trim();
    const binding = attribute(element, "Binding")?.trim();
    if (url && binding) out.push({ url, binding });
  }
  return out;
}

/** The default ACS first (isDefault="true", else the lowest index), then the others in document order. */
function orderedAssertionConsumerServices(sp: XmlElement): SpEndpoint[] {
  const services = children(sp, NS.md, "AssertionConsumerService")
    .map((element, position) => ({
      url: attribute(element, "Location")?.trim() ?? "",
      binding: attribute(element, "Binding")?.trim() ?? "",
      isDefault: xsBoolean(attribute(element, "isDefault")),
      index: Number(attribute(element, "index") ?? position),
      position,
    }))
    .filter((service) => service.url !== "" && service.binding !== "");
  const preferred =
    services.find((service) => service.isDefault) ??
    [...services].sort((a, b) => a.index - b.index || a.position - b.position)[0];
  const ordered = preferred === undefined ? services : [preferred, ...services.filter((service) => service !== preferred)];
  return ordered.map(({ url, binding }) => ({ url, binding }));
}

function keyDescriptors(sp: XmlElement): SpDescription["certificates"] {
  const out: SpDescription["certificates"] = [];
  for (const descriptor of children(sp, NS.md, "KeyDescriptor")) {
    const use = attribute(descriptor, "use");
    const keyInfo = child(descriptor, NS.ds, "KeyInfo");
    const data = keyInfo === undefined ? undefined : child(keyInfo, NS.ds, "X509Data");
    for (const certificate of data === undefined ? [] : children(data, NS.ds, "X509Certificate")) {
      out.push({
        use: use === "signing" || use === "encryption" ? use : "both",
        base64: textContent(certificate).replace(/\s+/g, ""),
      });
    }
  }
  return out;
}

function requestedAttributes(sp: XmlElement): SpDescription["attributes"]["required"] {
  const out: SpDescription["attributes"]["required"] = [];
  for (const service of children(sp, NS.md, "AttributeConsumingService")) {
    for (const requested of children(service, NS.md, "RequestedAttribute")) {
      const name = attribute(requested, "Name")?.trim();
      if (!name || !xsBoolean(attribute(requested, "isRequired"))) continue;
      out.push({ key: name, label: attribute(requested, "FriendlyName") ?? name, samlName: name, assumed: false });
    }
  }
  return out;
}

function xsBoolean(value: string | undefined): boolean {
  const text = value?.trim();
  return text === "true" || text === "1";
}
