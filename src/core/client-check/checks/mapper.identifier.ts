import { defineCheck } from "../check-context.js";
import { checkRequiredAttribute } from "../required-attribute.js";

/** A new identifier mapper reads the Keycloak user id: it never changes, unlike username or e-mail. */
export const check = defineCheck({
  id: "mapper.identifier",
  run: (context) =>
    checkRequiredAttribute(context, { id: "mapper.identifier", spKey: "identifier", expectation: "identifierAttribute", property: "id" }),
});
