import { attributeValue, defineCheck, where } from "../check-context.js";
import { SECURITY_SOURCES, isPlainHttpNonLocal, securityFinding, sentryAcsUrl } from "../security-support.js";
import { isOn } from "../../keycloak/attributes.js";

/**
 * kcwarden SamlClientWithEncryptionDisabled. Sentry has no SP key, so it cannot read an encrypted assertion (python3-saml
 * fails, the user gets a 500): encryption must stay Off. The assertion is then protected in transit by TLS to Sentry's
 * ACS URL, which is the control to check.
 */
export const check = defineCheck({
  id: "security.encryption",
  run(context) {
    const actual = attributeValue(context, "encryptAssertions");
    if (isOn(actual)) return [];
    const tls = !isPlainHttpNonLocal(sentryAcsUrl(context));
    if (context.preset.sp.canDecryptAssertions) {
      return [
        {
          finding: securityFinding("security.encryption", "encryptAssertions", {
            severity: "suggestion",
            expected: "true",
            actual: actual ?? null,
            message: "Encrypt assertions is Off although this SP can decrypt: the assertion's attributes are readable in the browser and in any capture.",
            fix: `Turn ${where("encryptAssertions")} On and give Keycloak the SP's encryption certificate.`,
            source: SECURITY_SOURCES.samlSecurity,
          }),
          patch: [],
        },
      ];
    }
    return [
      {
        finding: securityFinding("security.encryption", "encryptAssertions", {
          severity: tls ? "info" : "warning",
          expected: "false",
          actual: actual ?? null,
          message:
            "Encrypt assertions is Off, as Sentry needs: Sentry has no SP key and cannot read an encrypted assertion. The user's attributes are " +
            (tls
              ? "then protected by TLS to Sentry's https:// ACS URL (they stay readable in the user's own browser, which holds them anyway)."
              : "then not protected at all: Sentry's ACS URL is plain http, so anyone on the path reads them."),
          fix: tls ? "Nothing to do: keep Encrypt assertions Off." : "Keep Encrypt assertions Off (Sentry cannot decrypt); serve Sentry over https and set its system.url-prefix accordingly.",
          source: SECURITY_SOURCES.samlSecurity,
          ...(tls ? { accepted: "Encrypt assertions Off: Sentry has no SP key to decrypt with; compensated by TLS to Sentry's https:// ACS URL." } : {}),
        }),
        patch: [],
      },
    ];
  },
});
