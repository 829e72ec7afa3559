/**
 * What a predicted verdict rests on that the capture does not show: no SP profile, no IdP certificate, an attribute
 * mapping nobody told us. Each is said in words next to the verdict ("Accepted if …"), never as a bare "?".
 */
import type { Finding, Receiver, SpProfile } from "../rules/rule.js";
import type { MessageKind } from "../saml/model.js";

export interface Assumption {
  /** The condition, short enough for a badge: "the IdP's key is trusted". */
  readonly short: string;
  /** The same in a sentence, naming what was not known. */
  readonly text: string;
}

export function assumptionsOf(kind: MessageKind | null, receiver: Receiver, profile: SpProfile, findings: readonly Finding[]): Assumption[] {
  const out: Assumption[] = [];
  if (kind === null) return out;
  const toSp = receiver === "sp";
  // The most telling first: the badge names only the first.
  const notChecked = findings.find((finding) => finding.id === "signature.not-checked");
  if (notChecked !== undefined) out.push({ short: "the IdP's key is trusted", text: `the signature was not checked against the IdP certificate the SP holds: ${notChecked.message}` });
  if (profile.spEntityId === undefined && (toSp || kind === "AuthnRequest")) {
    out.push({
      short: "sent to the right SP",
      text: toSp
        ? "no SP profile was given and the message was not sent to a Sentry ACS or SLS address, so its Destination, Audience and Recipient were not compared with the SP's"
        : "no SP profile was given, so the Issuer and ACS URL were not compared with the Keycloak client's",
    });
  }
  if (toSp && profile.idpEntityId === undefined) {
    out.push({ short: "the Issuer is the IdP the SP trusts", text: "the IdP's entity ID was not given (IdP metadata), so the Issuer was not compared with the one the SP trusts" });
  }
  if (toSp && kind === "Response" && profile.attributeMappingAssumed === true) {
    out.push({
      short: `IdP User ID = ${profile.identifierAttribute}`,
      text: `assumes Sentry's attribute mapping is IdP User ID = "${profile.identifierAttribute}" and User Email = "${profile.emailAttribute}" (not given)`,
    });
  }
  return out;
}
