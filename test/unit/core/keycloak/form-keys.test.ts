import { describe, expect, it } from "vitest";
import { CLIENT_SETTINGS, settingTab, type ClientSettingName } from "../../../../src/core/keycloak/attributes.js";
import { attributeOfFormKey, formKey, settingFormKey, valueAtFormKey } from "../../../../src/core/keycloak/form-keys.js";

describe("the console form's keys", () => {
  it("prefixes client attributes with attributes. and reads the attribute back", () => {
    expect(formKey("saml.force.post.binding")).toBe("attributes.saml.force.post.binding");
    expect(attributeOfFormKey("attributes.saml.force.post.binding")).toBe("saml.force.post.binding");
    expect(attributeOfFormKey("frontchannelLogout")).toBeUndefined();
    expect(attributeOfFormKey("attributesX")).toBeUndefined();
    for (const [name, setting] of Object.entries(CLIENT_SETTINGS)) {
      const key = settingFormKey(name as ClientSettingName);
      expect(attributeOfFormKey(key), name).toBe(setting.where === "attribute" ? setting.key : undefined);
      if (setting.where === "top-level") expect(key, name).toBe(setting.key);
    }
  });

  it("reads a client representation at a form key", () => {
    const client = { clientId: "sp", frontchannelLogout: true, attributes: { "saml.encrypt": "false" } };
    expect(valueAtFormKey(client, "clientId")).toBe("sp");
    expect(valueAtFormKey(client, "frontchannelLogout")).toBe(true);
    expect(valueAtFormKey(client, formKey("saml.encrypt"))).toBe("false");
    expect(valueAtFormKey(client, formKey("saml.client.signature"))).toBeUndefined();
    expect(valueAtFormKey({ clientId: "sp" }, formKey("saml.encrypt"))).toBeUndefined();
  });

  it("knows the route segment of each setting's tab", () => {
    expect(settingTab("forcePostBinding")).toBe("settings");
    expect(settingTab("encryptAssertions")).toBe("keys");
    expect(settingTab("assertionConsumerPostUrl")).toBe("advanced");
    expect(settingTab("defaultClientScopes")).toBe("clientScopes");
  });
});
