/** SAML URIs the presets use, kept apart from the zod schemas so UI bundles can import them without zod. */
export const BINDING = {
  post: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
  redirect: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
  artifact: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact",
  soap: "urn:oasis:names:tc:SAML:2.0:bindings:SOAP",
} as const;

export const NAME_ID_FORMAT = {
  unspecified: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
  email: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
  persistent: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
  transient: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
} as const;
