/** The string python3-saml checks a Redirect signature over is built with Python's quote_plus: ours must write the same. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { quotePlus } from "../../../../src/core/saml/signature/query-signature.js";

describe("quotePlus", () => {
  it("writes what Python's urllib.parse.quote_plus writes", () => {
    const ascii = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)).join("");
    const values = [ascii, "a b+c/d=e", "https://sentry.example.com/~ada/*?x=1&y=2#z", "Zoë ✓ 𝄞 日本", "", "\t\n\r", "PHNhbWxwOkxvZ291dFJlcXVlc3Q+", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"];
    const python = spawnSync("/usr/bin/python3", ["-c", "import json,sys,urllib.parse; print(json.dumps([urllib.parse.quote_plus(v) for v in json.load(sys.stdin)]))"], {
      input: JSON.stringify(values),
      encoding: "utf8",
    });
    expect(python.status).toBe(0);
    expect(values.map(quotePlus)).toEqual(JSON.parse(python.stdout));
  });
});
