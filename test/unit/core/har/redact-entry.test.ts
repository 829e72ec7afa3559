/**
 * What a shared (redacted) HAR keeps and masks, entry by entry: credentials in headers and cookies, form fields in a
 * page, bodies that are not text, the entry's own comment; and how an export fills in what a capture left out. The
 * seeded capture in export.test.ts shows that no secret survives in a real login; these pin each masking rule down.
 */
import { describe, expect, it } from "vitest";
import { exportHar } from "../../../../src/core/har/export.js";
import { REDACTED } from "../../../../src/core/har/pseudonyms.js";
import type { HarEntry, HarImportEntry } from "../../../../src/core/har/schema.js";

const URL = "https://keycloak.example.com/realms/demo/account";

function exported(entry: HarImportEntry, redact = true): HarEntry {
  const [only] = exportHar([entry], { redact }).har.log.entries;
  if (only === undefined) throw new Error("no entry");
  return only;
}

const header = (entry: HarEntry, side: "request" | "response", name: string) => entry[side].headers.find((item) => item.name === name)?.value;

describe("redaction of one entry", () => {
  it("masks every cookie value and credential header, keeping names, schemes and cookie attributes", () => {
    const entry = exported({
      startedDateTime: "2025-06-01T12:00:00Z",
      request: {
        method: "GET",
        url: URL,
        headers: [
          { name: "Cookie", value: "KEYCLOAK_SESSION=abc123; AUTH_SESSION_ID=def456" },
          { name: "Authorization", value: "Bearer eyJhbGciOi.secret.token" },
          { name: "Proxy-Authorization", value: "Basic dXNlcjpwYXNz" },
          { name: "X-CSRF-Token", value: "csrf-secret" },
          { name: "x-xsrftoken", value: "xsrf-secret" },
          { name: "X-Api-Key", value: "api-secret" },
          { name: "Accept", value: "text/html" },
        ],
      },
      response: {
        status: 302,
        headers: [
          { name: "Set-Cookie", value: "KEYCLOAK_IDENTITY=ghi789; Path=/realms/demo/; HttpOnly" },
          { name: "Location", value: "https://sentry.example.com/?login_hint=ada%40example.com&x=1" },
        ],
        content: { mimeType: "text/html", text: "" },
      },
    });
    expect(header(entry, "request", "Cookie")).toBe("KEYCLOAK_SESSION=REDACTED; AUTH_SESSION_ID=REDACTED");
    expect(header(entry, "request", "Authorization")).toBe("Bearer REDACTED");
    expect(header(entry, "request", "Proxy-Authorization")).toBe("Basic REDACTED");
    expect(header(entry, "request", "X-CSRF-Token")).toBe("REDACTED");
    expect(header(entry, "request", "x-xsrftoken")).toBe("REDACTED");
    expect(header(entry, "request", "X-Api-Key")).toBe("REDACTED");
    expect(header(entry, "request", "Accept")).toBe("text/html");
    expect(header(entry, "response", "Set-Cookie")).toBe("KEYCLOAK_IDENTITY=REDACTED; Path=/realms/demo/; HttpOnly");
    expect(header(entry, "response", "Location")).toBe("https://sentry.example.com/?login_hint=REDACTED&x=1");
    expect(JSON.stringify(entry)).not.toMatch(/abc123|def456|ghi789|secret\.token|dXNlcjpwYXNz|csrf-secret|xsrf-secret|api-secret|ada@example/);
  });

  it("masks credentials typed into a page's form fields, however the name attribute is written, and keeps the rest", () => {
    const page =
      `<form><input type="hidden" name  =  'password' value="hunter2">` +
      `<input name="username" value='ada'><textarea name="comment">free text</textarea><input value="no name"></form>`;
    const entry = exported({ request: { method: "GET", url: URL }, response: { status: 200, content: { mimeType: "text/html", text: page } } });
    const text = entry.response.content.text ?? "";
    expect(text).toContain(`name  =  'password' value="REDACTED"`);
    expect(text).toContain(`name="username" value='REDACTED'`);
    expect(text).toContain('<input value="no name">');
    expect(text).not.toMatch(/hunter2|'ada'/);
  });

  it("drops a body that is not text, and says so in the entry's comment after its own", () => {
    const entry = exported({
      request: { method: "GET", url: URL },
      response: { status: 200, content: { mimeType: "image/png", text: "iVBORw0KGgo=", encoding: "base64" } },
      comment: "captured by hand",
    });
    expect(entry.response.content).toEqual({ size: 0, mimeType: "image/png" });
    expect(entry.comment).toBe("captured by hand Redacted by SAML Lens: response body dropped (not text).");
    expect(exported({ request: { method: "GET", url: URL }, comment: "mail ada@example.com" }).comment).toBe("mail user1@redacted.invalid Redacted by SAML Lens.");
  });

  it("keeps an empty credential empty, and notes each one it masked", () => {
    const entry = exported({
      request: { method: "POST", url: URL, postData: { mimeType: "application/x-www-form-urlencoded", text: "username=&password=hunter2&next=%2Fhome" } },
    });
    expect(entry.request.postData?.text).toBe("username=&password=REDACTED&next=%2Fhome");
    expect(entry.comment).toBe("Redacted by SAML Lens: password masked.");
  });
});

describe("an exported entry fills in what the capture left out", () => {
  it("takes the time from the timings when the capture has none, and defaults the HTTP versions", () => {
    const entry = exported({ request: { method: "GET", url: URL }, timings: { send: 1, wait: 10, receive: 2 } }, false);
    expect(entry.time).toBe(13);
    expect(exported({ request: { method: "GET", url: URL }, time: -1, timings: { send: 1, wait: 10, receive: 2 } }, false).time).toBe(13);
    expect(exported({ request: { method: "GET", url: URL }, time: 0, timings: { send: 1, wait: 10, receive: 2 } }, false).time).toBe(0);
    expect(entry.request.httpVersion).toBe("HTTP/1.1");
    expect(entry.response.httpVersion).toBe("HTTP/1.1");
    expect(entry.startedDateTime).toBe("1970-01-01T00:00:00.000Z");
    expect("comment" in entry).toBe(false);
  });
});
