/** The XML tab's copy text: indented, escaped, content kept. */
import { describe, expect, it } from "vitest";
import { parseXml } from "../../../src/core/saml/xml.js";
import { prettyXml } from "../../../src/ui/panel/model/xml-text.js";
import { fixtureText } from "./support.js";

describe("prettyXml", () => {
  it("indents elements, keeps text elements on one line and re-escapes markup characters", () => {
    const parsed = parseXml(`<a xmlns="urn:x" k="1 &quot;2&quot;"><b>&lt;script&gt;</b><!-- c --><c/>\n  </a>`);
    if (!parsed.ok) throw parsed.error;
    expect(prettyXml(parsed.root)).toBe(`<a xmlns="urn:x" k="1 &quot;2&quot;">\n  <b>&lt;script&gt;</b>\n  <!-- c -->\n  <c/>\n</a>`);
  });

  it("a pretty copy of a real message parses back to the same values", () => {
    const parsed = parseXml(fixtureText("hostile-response.xml"));
    if (!parsed.ok) throw parsed.error;
    const again = parseXml(prettyXml(parsed.root));
    expect(again.ok).toBe(true);
    const text = prettyXml(parsed.root);
    expect(text).toContain("&lt;script&gt;window.__samlLensXss");
    expect(text).not.toContain("<script>");
  });
});
