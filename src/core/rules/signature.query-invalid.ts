import { PY, SOURCES } from "./receiver-messages.js";
import { defineRule } from "./rule.js";

const KEYS = "Realm settings → Keys";

export const rule = defineRule({
  id: "signature.query-invalid",
  source: SOURCES.sls,
  fix: `Give Sentry the realm's current signing certificate (${KEYS} → the active RS256 key → Certificate, or the realm's SAML descriptor); if it is already the current one, the query was changed after Keycloak signed it.`,
  readsSignatures: true,
  check: (context) => {
    // Only a logout message Keycloak sent to Sentry has its query verified (analyze.ts signedLogoutToSp); the kind
    // check tells the type checker which.
    const query = context.signatures?.query;
    const kind = context.message?.kind;
    if (query === undefined || query.valid !== false || (kind !== "LogoutRequest" && kind !== "LogoutResponse")) return [];
    const receiverMessage = PY.logoutSignatureFailed(kind);
    const consequence = `Sentry's SLS then ignores the ${kind}: ${kind === "LogoutRequest" ? "the Sentry session is not ended and Keycloak gets no LogoutResponse" : "the logout is not completed"}, and the browser lands on Sentry's login page. python3-saml: "${receiverMessage}".`;
    const expected = `a signature python3-saml verifies over ${abbreviated(query.rebuiltQuery)}`;
    if (query.validAsSent === true && query.encodingDiffers) {
      return [
        {
          severity: "error",
          message:
            `The query signature is valid over the query as it was sent, but python3-saml does not check that: it re-encodes the decoded values with Python's quote_plus, ` +
            `which writes this query differently, so the signature covers other bytes than the ones it checks. ${consequence}`,
          expected,
          actual: `signed as sent: ${abbreviated(query.signedQuery)}`,
          fix: encodingFix(query.signedQuery, query.rebuiltQuery),
          receiverMessage,
        },
      ];
    }
    const unsupported = query.problems.find((problem) => problem.includes("has no transform"));
    if (unsupported !== undefined) {
      return [
        {
          severity: "error",
          message: `${unsupported} ${consequence}`,
          expected: "SigAlg rsa-sha256 (or rsa-sha1/384/512)",
          actual: query.sigAlg ?? "(no SigAlg)",
          fix: `${KEYS}: make an RSA key (RS256) the active one, and Clients → <client> → Signature and Encryption → Signature algorithm: RSA_SHA256.`,
          receiverMessage,
        },
      ];
    }
    return [
      {
        severity: "error",
        message: `The ${kind}'s query signature does not verify with the IdP certificate Sentry has${query.problems.length > 0 ? ` (${query.problems.join(" ")})` : ""}. ${consequence}`,
        expected,
        actual: query.validAsSent === false ? "the signature does not verify over the query as sent either" : "the signature does not verify",
        receiverMessage,
      },
    ];
  },
});

function encodingFix(sent: string, rebuilt: string): string {
  const differences = encodedDifferently(sent, rebuilt);
  const which =
    differences.length === 0
      ? "the query was signed URL-encoded differently from Python's quote_plus"
      : `the query was signed with ${differences.map((difference) => `"${difference.character}" written as ${difference.sent} (quote_plus: ${difference.rebuilt})`).join(", ")}`;
  return (
    `Not a Keycloak setting: ${which}, and Sentry does not give python3-saml the query as received. Keycloak leaves ? and * unescaped, so this ` +
    "happens when RelayState holds one of them (e.g. a return URL with its own query string; Keycloak sends back the RelayState of the request it " +
    "answers); a RelayState without them avoids it."
  );
}

interface EncodingDifference {
  readonly character: string;
  readonly sent: string;
  readonly rebuilt: string;
}

/** The characters two URL encodings of the same values write differently (e.g. "?" kept by one, "%3F" in the other). */
function encodedDifferently(sent: string, rebuilt: string): EncodingDifference[] {
  const out: EncodingDifference[] = [];
  let i = 0;
  let j = 0;
  while (i < sent.length && j < rebuilt.length) {
    const a = token(sent, i);
    const b = token(rebuilt, j);
    const character = decodedToken(a);
    // Both encode the same values; once they no longer line up (e.g. raw non-ASCII), nothing more can be told.
    if (character !== decodedToken(b)) break;
    if (a !== b && !out.some((difference) => difference.character === character)) out.push({ character, sent: a, rebuilt: b });
    i += a.length;
    j += b.length;
  }
  return out;
}

function token(text: string, at: number): string {
  return text[at] === "%" && /^[0-9A-Fa-f]{2}$/.test(text.slice(at + 1, at + 3)) ? text.slice(at, at + 3) : (text[at] ?? "");
}

function decodedToken(token: string): string {
  if (token === "+") return " ";
  return token.length === 3 ? String.fromCharCode(parseInt(token.slice(1), 16)) : token;
}

/** A signed query with the (long) message value left out: what differs is in RelayState and SigAlg. */
function abbreviated(signedQuery: string): string {
  const equals = signedQuery.indexOf("=");
  const next = signedQuery.indexOf("&");
  return equals < 0 ? signedQuery : `${signedQuery.slice(0, equals + 1)}…${next < 0 ? "" : signedQuery.slice(next)}`;
}
