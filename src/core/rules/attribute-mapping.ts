/** Sentry's attribute mapping (SAML2Provider.build_identity): the first value of the attribute with that Name. */
import type { Assertion } from "../saml/model.js";
import { SENTRY } from "./receiver-messages.js";

export function mappedValue(assertion: Assertion, name: string): string {
  const values = assertion.attributes.filter((attribute) => attribute.name === name).flatMap((attribute) => attribute.values);
  return values[0] ?? "";
}

export function mappingFailure(assertion: Assertion): string {
  const keys = [...new Set(assertion.attributes.map((attribute) => attribute.name).filter((name): name is string => name !== undefined && name !== ""))];
  return SENTRY.mapping(keys);
}
