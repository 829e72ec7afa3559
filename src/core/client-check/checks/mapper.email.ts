import { defineCheck } from "../check-context.js";
import { checkRequiredAttribute } from "../required-attribute.js";

export const check = defineCheck({
  id: "mapper.email",
  run: (context) => checkRequiredAttribute(context, { id: "mapper.email", spKey: "user_email", expectation: "emailAttribute", property: "email" }),
});
