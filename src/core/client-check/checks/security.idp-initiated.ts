import { attributeValue, defineCheck, where } from "../check-context.js";
import { SECURITY_SOURCES, securityFinding } from "../security-support.js";

/**
 * IDP-Initiated SSO URL name set: Keycloak issues unsolicited responses for this client on a plain GET. Sentry passes
 * no request ID to python3-saml, so it accepts unsolicited responses whether or not Keycloak offers this link; the
 * link itself is what the finding is about.
 */
export const check = defineCheck({
  id: "security.idp-initiated",
  run(context) {
    const name = attributeValue(context, "idpInitiatedSsoUrlName");
    if (name === undefined || name.trim() === "") return [];
    return [
      {
        finding: securityFinding("security.idp-initiated", "idpInitiatedSsoUrlName", {
          severity: "info",
          expected: "",
          actual: name,
          message:
            `IDP-Initiated SSO URL name is "${name}": any web page can send a user who has a Keycloak session to …/protocol/saml/clients/${name} ` +
            "and have them logged in to Sentry without asking (login without intent, and a response no request of Sentry's is bound to). " +
            "Sentry checks no InResponseTo, so it accepts such unsolicited responses from any source anyway; clearing the name removes Keycloak's one-click link, not that acceptance.",
          fix: `Clear ${where("idpInitiatedSsoUrlName")} if nobody starts the login from Keycloak (Sentry's own login button keeps working).`,
          source: SECURITY_SOURCES.owasp,
          accepted:
            "IdP-initiated login: Sentry accepts unsolicited responses in any case (it checks no InResponseTo); the name only adds Keycloak's login link, used by the setup's test login.",
        }),
        patch: [],
      },
    ];
  },
});
