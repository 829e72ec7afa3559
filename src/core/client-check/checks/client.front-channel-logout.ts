import { defineCheck } from "../check-context.js";
import { setSetting, settingFinding, where } from "../check-context.js";

export const check = defineCheck({
  id: "client.front-channel-logout",
  run(context) {
    const expectation = context.preset.keycloak.frontChannelLogout;
    // Absent means Keycloak's default for a new SAML client, which is on.
    if (context.client.frontchannelLogout !== false) return [];
    return [
      {
        finding: settingFinding("client.front-channel-logout", "frontChannelLogout", expectation, {
          actual: false,
          message: `Front channel logout is Off. ${expectation.explanation}`,
          fix: `Turn ${where("frontChannelLogout")} On.`,
        }),
        patch: [setSetting("frontChannelLogout", true)],
      },
    ];
  },
});
