import { defineCheck } from "../check-context.js";
import { MAPPER_CONFIG } from "../../keycloak/mappers.js";
import { RECOMMENDED_ATTRIBUTE_NAMES } from "../../presets/sentry-sp.js";
import { addClientMapper, dedicatedMappersField, mapperFieldAt, mapperLocation, setClientMapperConfig, userPropertyMapper } from "../mapper-support.js";

export const check = defineCheck({
  id: "mapper.email-as-identifier",
  run(context) {
    const expectation = context.preset.keycloak.stableIdentifier;
    const required = context.preset.sp.attributes.required;
    const identifier = required.find((attribute) => attribute.key === "identifier");
    const email = required.find((attribute) => attribute.key === "user_email");
    if (identifier === undefined || email === undefined) return [];
    const emitters = context.mappers.mappers.filter((mapper) => mapper.attributeName === identifier.samlName);
    if (emitters.length === 0) return [];
    const sameName = identifier.samlName === email.samlName;
    const emailEmitter = emitters.find((mapper) => mapper.reads === "email");
    if (!sameName && emailEmitter === undefined) return [];
    const stableName = RECOMMENDED_ATTRIBUTE_NAMES.identifier;
    const base = {
      id: "mapper.email-as-identifier" as const,
      severity: expectation.severity,
      attributeKey: MAPPER_CONFIG.userAttribute.key,
      expected: "id",
      actual: "email",
      source: expectation.source,
    };
    if (!sameName && emailEmitter !== undefined && emailEmitter.origin.kind === "client") {
      return [
        {
          finding: {
            ...base,
            field: mapperFieldAt(context, emailEmitter, "userAttribute"),
            message: `The "${identifier.samlName}" attribute (Sentry's ${identifier.label}) carries the e-mail. ${expectation.explanation}`,
            fix:
              `Set Property to "id" in ${mapperLocation(context, emailEmitter)}. Existing members are asked once to link ` +
              "their Sentry account to the new identity.",
          },
          patch: [setClientMapperConfig(emailEmitter.origin.index, "userAttribute", "id")],
        },
      ];
    }
    const hasStable = context.mappers.mappers.some((mapper) => mapper.attributeName === stableName);
    return [
      {
        finding: {
          ...base,
          field: dedicatedMappersField(context),
          message: `Sentry's ${identifier.label} and ${email.label} both read "${email.samlName}", the e-mail. ${expectation.explanation}`,
          fix:
            `${hasStable ? "" : `Add a User Property mapper (Property "id", SAML Attribute Name "${stableName}") to the client's dedicated scope, then `}` +
            `set Sentry's ${identifier.label} to "${stableName}". Existing members are asked once to link their Sentry account to the new identity.`,
        },
        patch: hasStable ? [] : [addClientMapper(userPropertyMapper(stableName, stableName, "id"))],
      },
    ];
  },
});
