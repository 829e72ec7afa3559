import { attributeValue, defineCheck, setSetting, where } from "../check-context.js";
import { SECURITY_SOURCES, redirectUrisAreExact, securityFinding, sentryAcsUrl } from "../security-support.js";
import { isOn } from "../../keycloak/attributes.js";

/**
 * kcwarden SamlClientWithClientSignatureDisabled. Sentry never signs its AuthnRequests (authnRequestsSigned false,
 * no SP key): turning this On breaks every login ("Invalid requester"). What a signature would prevent, an AuthnRequest
 * that sends the assertion elsewhere, exact Valid redirect URIs prevent too, so that is the control to check.
 */
export const check = defineCheck({
  id: "security.client-signature",
  run(context) {
    const actual = attributeValue(context, "clientSignatureRequired");
    if (isOn(actual)) return [];
    const acs = sentryAcsUrl(context);
    if (context.preset.sp.signsAuthnRequests) {
      return [
        {
          finding: securityFinding("security.client-signature", "clientSignatureRequired", {
            severity: "warning",
            expected: "true",
            actual: actual ?? null,
            message: "Client signature required is Off although this SP signs its AuthnRequests: Keycloak accepts forged requests in its name.",
            fix: `Turn ${where("clientSignatureRequired")} On and paste the SP's signing certificate.`,
            source: SECURITY_SOURCES.samlSecurity,
          }),
          patch: [setSetting("clientSignatureRequired", "true")],
        },
      ];
    }
    const exact = redirectUrisAreExact(context);
    return [
      {
        finding: securityFinding("security.client-signature", "clientSignatureRequired", {
          severity: exact ? "info" : "warning",
          expected: "false",
          actual: actual ?? null,
          message: exact
            ? "Client signature required is Off, as Sentry needs: Sentry does not sign its AuthnRequests, so anyone can write one with Sentry's " +
              `Client ID. That is harmless while Valid redirect URIs is exactly Sentry's ACS URL: Keycloak then posts the assertion only to Sentry.`
            : "Client signature required is Off, as Sentry needs, but Valid redirect URIs is not exact: a forged AuthnRequest with Sentry's Client ID " +
              "can have Keycloak post the user's assertion to another URL. Exact redirect URIs are the control that makes this switch safe.",
          fix: exact
            ? "Nothing to do: keep Client signature required Off and Valid redirect URIs exact."
            : `Keep Client signature required Off (Sentry cannot sign); set ${where("redirectUris")} to exactly "${acs}".`,
          source: SECURITY_SOURCES.samlSecurity,
          ...(exact ? { accepted: "Client signature required Off: Sentry does not sign AuthnRequests; compensated by exact Valid redirect URIs (Sentry's ACS URL only)." } : {}),
        }),
        patch: [],
      },
    ];
  },
});
