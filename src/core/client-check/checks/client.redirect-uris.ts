import { defineCheck } from "../check-context.js";
import { settingFinding, where } from "../check-context.js";
import { pointer } from "../json-patch.js";
import { settingKey } from "../../keycloak/attributes.js";

/**
 * Keycloak's RedirectUtils rule: a pattern ending in "*" matches by prefix, anything else must be equal. Relative
 * entries are resolved against the client's Root URL.
 */
function redirectUriMatches(pattern: string, url: string, rootUrl: string | undefined): boolean {
  const absolute = pattern.startsWith("/") && rootUrl ? rootUrl.replace(/\/+$/, "") + pattern : pattern;
  if (absolute.endsWith("*") && !absolute.includes("?")) {
    const prefix = absolute.slice(0, -1);
    return url.startsWith(prefix) || url === prefix.replace(/\/$/, "");
  }
  return absolute === url;
}

export const check = defineCheck({
  id: "client.redirect-uris",
  run(context) {
    const expectation = context.preset.keycloak.redirectUris;
    const acsUrl = Array.isArray(expectation.expected) ? String(expectation.expected[0] ?? "") : "";
    const uris = context.client.redirectUris ?? [];
    const rootUrl = typeof context.client.rootUrl === "string" ? context.client.rootUrl : undefined;
    if (acsUrl === "" || uris.some((uri) => redirectUriMatches(uri, acsUrl, rootUrl))) return [];
    const near = uris.find((uri) => uri.replace(/\/+$/, "") === acsUrl.replace(/\/+$/, ""));
    const message =
      uris.length === 0
        ? `Valid redirect URIs is empty. ${expectation.explanation}`
        : near !== undefined
          ? `Valid redirect URI "${near}" differs from "${acsUrl}" only in the trailing slash, and Keycloak compares exactly. ${expectation.explanation}`
          : `No Valid redirect URI matches "${acsUrl}" (${uris.map((uri) => `"${uri}"`).join(", ")}). ${expectation.explanation}`;
    return [
      {
        finding: settingFinding("client.redirect-uris", "redirectUris", expectation, {
          actual: uris,
          message,
          fix: `Add "${acsUrl}" to ${where("redirectUris")}.`,
        }),
        patch:
          context.client.redirectUris === undefined
            ? [{ op: "add", path: pointer(settingKey("redirectUris")), value: [acsUrl] }]
            : near !== undefined
              ? [{ op: "replace", path: pointer(settingKey("redirectUris"), uris.indexOf(near)), value: acsUrl }]
              : [{ op: "add", path: pointer(settingKey("redirectUris"), "-"), value: acsUrl }],
      },
    ];
  },
});
