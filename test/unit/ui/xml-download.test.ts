/** "Download XML" of one message: the file is the message's own XML, redacted unless the user turned that off. */
import { describe, expect, it } from "vitest";
import { decodeSamlValue } from "../../../src/core/saml/decode.js";
import { parseXml } from "../../../src/core/saml/xml.js";
import { xmlFile } from "../../../src/ui/panel/model/xml-download.js";
import { sessionEntries } from "./support.js";

/** The signed login Response of the fixture capture, decoded from its POST body as the panel decodes it. */
function loginResponseXml(): string {
  const message = sessionEntries()[1]?.messages[0];
  if (message === undefined) throw new Error("fixture capture changed: no message in entry 1");
  const decoded = decodeSamlValue(message.value, message.binding);
  if (!decoded.ok) throw new Error(decoded.error.message);
  return decoded.value.xml;
}

describe("xmlFile", () => {
  const xml = loginResponseXml();

  it("unredacted and as received: the decoded bytes unchanged, named after kind and ID", () => {
    const file = xmlFile(xml, "Response", "_resp 1/../x", { layout: "original", redact: false });
    expect(file.text).toBe(xml);
    expect(file.text).toContain("jöran.müller@example.com");
    expect(file.name).toBe("Response-_resp_1_.._x.xml");
  });

  it("redacted by the core: NameID, e-mail attribute and signature values masked, IDs and issuers kept", () => {
    const file = xmlFile(xml, "Response", "_r1", { layout: "original", redact: true });
    expect(xml).toContain("jöran.müller@example.com");
    expect(file.text).not.toContain("jöran");
    expect(file.text).not.toContain("müller");
    expect(file.text).toContain("https://keycloak.example.com/realms/demo");
    expect(file.name).toBe("Response-_r1-redacted.xml");
    const parsed = parseXml(file.text);
    expect(parsed.ok).toBe(true);
    const id = /\bID="([^"]+)"/.exec(xml)?.[1];
    expect(id).toBeDefined();
    expect(file.text).toContain(`ID="${id}"`);
  });

  it("indented: one element per line, parses back to a message with the same NameID", () => {
    const file = xmlFile(xml, "Response", "_r1", { layout: "pretty", redact: false });
    expect(file.name).toBe("Response-_r1-pretty.xml");
    expect(file.text.split("\n").length).toBeGreaterThan(20);
    expect(file.text).toMatch(/\n {4}<saml:Issuer>/);
    const parsed = parseXml(file.text);
    expect(parsed.ok).toBe(true);
    expect(file.text).toContain("jöran.müller@example.com</saml:NameID>");
  });

  it("a message that does not parse is still saved (redacted by pattern), under a generic name", () => {
    const broken = "<samlp:Response><saml:NameID>alice@example.com</saml:NameID>";
    const file = xmlFile(broken, undefined, undefined, { layout: "pretty", redact: true });
    expect(file.name).toBe("saml-message-pretty-redacted.xml");
    expect(file.text).not.toContain("alice@example.com");
    expect(file.text).toContain("<samlp:Response>");
  });
});
