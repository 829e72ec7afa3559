/** The logic behind mapper.email and mapper.identifier: is the attribute the SP looks up emitted under its Name? */
import { identifierAttributeOption, type Audience } from "../rules/audience.js";
import type { CheckContext, CheckOutcome } from "./check-context.js";
import type { FindingId } from "./finding.js";
import type { JsonPatchOperation } from "./json-patch.js";
import { MAPPER_CONFIG } from "../keycloak/mappers.js";
import {
  cannotTellFix,
  addClientMapper,
  dedicatedMappersField,
  emittedNames,
  mapperFieldAt,
  mapperLocation,
  setClientMapperConfig,
  unknownScopesReason,
  userPropertyMapper,
} from "./mapper-support.js";

export interface RequiredAttributeSpec {
  readonly id: FindingId;
  readonly spKey: "user_email" | "identifier";
  readonly expectation: "emailAttribute" | "identifierAttribute";
  /** The user property a new mapper reads. */
  readonly property: string;
}

export function checkRequiredAttribute(context: CheckContext, spec: RequiredAttributeSpec): CheckOutcome[] {
  const expectation = context.preset.keycloak[spec.expectation];
  const required = context.preset.sp.attributes.required.find((attribute) => attribute.key === spec.spKey);
  if (required === undefined || typeof expectation.expected !== "string") return [];
  const name = expectation.expected;
  const view = context.mappers;
  if (view.mappers.some((mapper) => mapper.attributeName === name)) return [];

  const base = {
    id: spec.id,
    severity: expectation.severity,
    attributeKey: MAPPER_CONFIG.attributeName.key,
    expected: name,
    actual: view.complete ? emittedNames(view) : null,
    source: expectation.source,
  };
  const byFriendlyName = view.mappers.find((mapper) => mapper.friendlyName === name);
  const readsTheValue = spec.spKey === "user_email" ? view.mappers.find((mapper) => mapper.reads === "email") : undefined;
  const misnamed = byFriendlyName ?? readsTheValue;
  if (misnamed !== undefined) {
    const patch: JsonPatchOperation[] =
      misnamed.origin.kind === "client"
        ? [setClientMapperConfig(misnamed.origin.index, "attributeName", name)]
        : [addClientMapper(userPropertyMapper(name, name, spec.property))];
    const how =
      misnamed === byFriendlyName
        ? `has Friendly Name "${name}" but SAML Attribute Name "${misnamed.attributeName}"; ${required.label} is looked up by Name, never by Friendly Name.`
        : `sends the e-mail as "${misnamed.attributeName}", but ${required.label} is looked up under "${name}".`;
    return [
      {
        finding: {
          ...base,
          actual: emittedNames(view),
          field: mapperFieldAt(context, misnamed, "attributeName"),
          message: `Mapper "${misnamed.mapper.name ?? misnamed.mapper.protocolMapper}" ${how} ${expectation.explanation}`,
          fix:
            misnamed.origin.kind === "client"
              ? `Set SAML Attribute Name to "${name}" in ${mapperLocation(context, misnamed)}.`
              : `The mapper lives in the shared scope "${misnamed.origin.scope}": add a User Property mapper (property ` +
                `"${spec.property}", SAML Attribute Name "${name}") to the client's dedicated scope, or rename it there if no other client relies on it.`,
        },
        patch,
      },
    ];
  }
  if (!view.complete) {
    return [
      {
        finding: {
          ...base,
          severity: "warning",
          field: dedicatedMappersField(context),
          message:
            `Cannot tell whether an attribute named "${name}" (Sentry's ${required.label}) is sent: no mapper of the ` +
            `client itself emits it, and ${unknownScopesReason(view, context.input.kind)}.`,
          fix: cannotTellFix(context.input.kind),
        },
        patch: [],
      },
    ];
  }
  const emailName = context.preset.sp.attributes.required.find((attribute) => attribute.key === "user_email")?.samlName;
  const guessedName = required.assumed && spec.spKey === "identifier" && view.mappers.some((mapper) => mapper.attributeName === emailName);
  return [
    {
      finding: {
        ...base,
        severity: guessedName ? "warning" : base.severity,
        field: dedicatedMappersField(context),
        message: guessedName
          ? `No mapper emits "${name}", the attribute we recommend for Sentry's ${required.label}. If you typed another ` +
            `name into Sentry's ${required.label} (many guides use "${emailName ?? "user_email"}"), ${anotherIdentifierName(context.audience ?? "cli")}. ` +
            expectation.explanation
          : `No mapper emits an attribute named "${name}". ${expectation.explanation}`,
        fix:
          `In ${dedicatedMappersField(context).section ?? "the dedicated scope"}: Add mapper › By configuration › User Property, ` +
          `Property "${spec.property}", SAML Attribute Name "${name}", SAML Attribute NameFormat Basic.`,
      },
      patch: [addClientMapper(userPropertyMapper(name, name, spec.property))],
    },
  ];
}

/** What to do when Sentry's mapping names another attribute: the CLI can check again with it; the console cannot ask. */
function anotherIdentifierName(audience: Audience): string {
  return audience === "cli" ? `check again with that name (${identifierAttributeOption(audience)})` : "that name is the one a mapper must emit, and this check does not apply";
}
