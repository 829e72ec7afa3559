/**
 * The time and SubjectConfirmation rules (conditions.*, session.expired, subject.*) at their edges, as python3-saml
 * draws them (onelogin/saml2/response.py: validate_timestamps with ALLOWED_CLOCK_DRIFT = 300 s for Conditions; no
 * drift for SessionNotOnOrAfter and SubjectConfirmationData). The clock is the fixtures' NOW, 2025-06-01T12:00:00Z.
 */
import { describe, expect, it } from "vitest";
import { NOW, PROFILE } from "../fixtures.js";
import { UNSIGNED, analysePosted, edit, findingsOf, ids, sentryPage, theFinding } from "./support.js";

const ACS = "https://sentry.example.com/saml/acs/acme/";
const CONDITIONS_TIMES = 'NotBefore="2025-06-01T11:59:50Z" NotOnOrAfter="2025-06-01T12:01:00Z"';
const withConditions = (times: string) => edit(UNSIGNED, CONDITIONS_TIMES, times);
const CONFIRMATION = /<saml:SubjectConfirmation [\s\S]*?<\/saml:SubjectConfirmation>/;
const BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
const confirmation = (data: string | undefined, method: string | undefined = BEARER) =>
  `<saml:SubjectConfirmation${method === undefined ? "" : ` Method="${method}"`}>${data === undefined ? "" : `<saml:SubjectConfirmationData ${data}/>`}</saml:SubjectConfirmation>`;
const data = (overrides: { recipient?: string; notOnOrAfter?: string; notBefore?: string; inResponseTo?: string } = {}) =>
  [
    `InResponseTo="${overrides.inResponseTo ?? "ONELOGIN_req_1"}"`,
    `NotOnOrAfter="${overrides.notOnOrAfter ?? "2025-06-01T12:05:00Z"}"`,
    overrides.notBefore === undefined ? "" : `NotBefore="${overrides.notBefore}"`,
    `Recipient="${overrides.recipient ?? ACS}"`,
  ].join(" ");
const withConfirmations = (...confirmations: string[]) => edit(UNSIGNED, CONFIRMATION, confirmations.join(""));

describe("conditions.expired", () => {
  it("allows 300 s after NotOnOrAfter, and rejects from then on, saying by how much", async () => {
    expect(ids(await analysePosted(withConditions('NotBefore="2025-06-01T11:50:00Z" NotOnOrAfter="2025-06-01T11:55:01Z"')))).not.toContain("conditions.expired");
    const finding = theFinding(await analysePosted(withConditions('NotBefore="2025-06-01T11:50:00Z" NotOnOrAfter="2025-06-01T11:55:00Z"')), "conditions.expired");
    expect(finding).toMatchObject({ severity: "error", actual: "2025-06-01T11:55:00Z", receiverMessage: "Could not validate timestamp: expired. Check system clock." });
    expect(finding.expected).toBe("NotOnOrAfter > 2025-06-01T11:55:00.000Z");
    expect(finding.message).toContain("passed 300 s ago");
    expect(finding.message).toContain("300 s python3-saml allows");
    expect(finding.message).toContain(sentryPage(finding));
  });

  it("does not judge an absent, empty or unreadable NotOnOrAfter", async () => {
    for (const times of ['NotBefore="2025-06-01T11:59:50Z"', 'NotBefore="2025-06-01T11:59:50Z" NotOnOrAfter=""', 'NotBefore="2025-06-01T11:59:50Z" NotOnOrAfter="yesterday"']) {
      expect(findingsOf(await analysePosted(withConditions(times)), "conditions.expired"), times).toEqual([]);
    }
  });
});

describe("conditions.not-yet-valid", () => {
  it("allows NotBefore up to 300 s ahead, and rejects beyond, saying by how much", async () => {
    expect(ids(await analysePosted(withConditions('NotBefore="2025-06-01T12:05:00Z" NotOnOrAfter="2025-06-01T12:10:00Z"')))).not.toContain("conditions.not-yet-valid");
    const finding = theFinding(await analysePosted(withConditions('NotBefore="2025-06-01T12:05:01Z" NotOnOrAfter="2025-06-01T12:10:00Z"')), "conditions.not-yet-valid");
    expect(finding).toMatchObject({ severity: "error", actual: "2025-06-01T12:05:01Z", receiverMessage: "Could not validate timestamp: not yet valid. Check system clock." });
    expect(finding.expected).toBe("NotBefore ≤ 2025-06-01T12:05:00.000Z");
    expect(finding.message).toContain("301 s after");
    expect(finding.message).toContain("300 s python3-saml allows");
    expect(finding.message).toContain(sentryPage(finding));
  });

  it("does not judge an absent, empty or unreadable NotBefore", async () => {
    for (const times of ['NotOnOrAfter="2025-06-01T12:01:00Z"', 'NotBefore="" NotOnOrAfter="2025-06-01T12:01:00Z"', 'NotBefore="tomorrow" NotOnOrAfter="2025-06-01T12:01:00Z"']) {
      expect(findingsOf(await analysePosted(withConditions(times)), "conditions.not-yet-valid"), times).toEqual([]);
    }
  });

  it("leaves an assertion without Conditions to assertion.no-conditions", async () => {
    const message = await analysePosted(edit(UNSIGNED, /<saml:Conditions [\s\S]*?<\/saml:Conditions>/, ""));
    expect(findingsOf(message, "conditions.not-yet-valid")).toEqual([]);
    expect(findingsOf(message, "conditions.expired")).toEqual([]);
  });
});

describe("session.expired", () => {
  const SESSION = 'SessionNotOnOrAfter="2025-06-01T22:00:00Z"';

  it("rejects a SessionNotOnOrAfter that is now or past, with no clock drift", async () => {
    const finding = theFinding(await analysePosted(edit(UNSIGNED, SESSION, 'SessionNotOnOrAfter="2025-06-01T12:00:00Z"')), "session.expired");
    expect(finding).toMatchObject({ severity: "error", actual: "2025-06-01T12:00:00Z", expected: `after ${NOW.toISOString()}` });
    expect(finding.receiverMessage).toMatch(/SessionNotOnOrAfter/);
    expect(finding.message).toContain(sentryPage(finding));
    expect(ids(await analysePosted(edit(UNSIGNED, SESSION, 'SessionNotOnOrAfter="2025-06-01T12:00:01Z"')))).not.toContain("session.expired");
  });

  it("reads the first AuthnStatement that has one, and ignores an unreadable value", async () => {
    const statement = /<saml:AuthnStatement [\s\S]*?<\/saml:AuthnStatement>/.exec(UNSIGNED)?.[0] ?? "";
    const without = statement.replace(` ${SESSION}`, "");
    const expired = statement.replace(SESSION, 'SessionNotOnOrAfter="2025-06-01T11:00:00Z"');
    expect(ids(await analysePosted(edit(UNSIGNED, statement, without + expired)))).toContain("session.expired");
    expect(findingsOf(await analysePosted(edit(UNSIGNED, SESSION, 'SessionNotOnOrAfter="soon"')), "session.expired")).toEqual([]);
    expect(findingsOf(await analysePosted(edit(UNSIGNED, ` ${SESSION}`, "")), "session.expired")).toEqual([]);
  });
});

describe("subject.expired", () => {
  it("rejects SubjectConfirmationData whose NotOnOrAfter is now, with no clock drift, and shows both bounds", async () => {
    const message = await analysePosted(withConfirmations(confirmation(data({ notOnOrAfter: "2025-06-01T12:00:00Z" }))));
    const finding = theFinding(message, "subject.expired");
    expect(finding).toMatchObject({ severity: "error", actual: "NotBefore (absent), NotOnOrAfter 2025-06-01T12:00:00Z", receiverMessage: "A valid SubjectConfirmation was not found on this Response" });
    expect(finding.message).toContain(NOW.toISOString());
    expect(finding.message).toContain(sentryPage(finding));
    expect(ids(await analysePosted(withConfirmations(confirmation(data({ notOnOrAfter: "2025-06-01T12:00:01Z" })))))).not.toContain("subject.expired");
  });

  it("rejects a NotBefore still in the future, and accepts one that is now", async () => {
    const finding = theFinding(await analysePosted(withConfirmations(confirmation(data({ notBefore: "2025-06-01T12:00:01Z" })))), "subject.expired");
    expect(finding.actual).toBe("NotBefore 2025-06-01T12:00:01Z, NotOnOrAfter 2025-06-01T12:05:00Z");
    expect(ids(await analysePosted(withConfirmations(confirmation(data({ notBefore: "2025-06-01T12:00:00Z" })))))).not.toContain("subject.expired");
  });

  it("accepts the Response when another confirmation is valid, and reports one finding when all fail", async () => {
    const late = confirmation(data({ notOnOrAfter: "2025-06-01T11:00:00Z" }));
    expect(ids(await analysePosted(withConfirmations(late, confirmation(data()))))).not.toContain("subject.expired");
    expect(findingsOf(await analysePosted(withConfirmations(late, late)), "subject.expired")).toHaveLength(1);
  });
});

describe("subject.recipient-mismatch", () => {
  it("names the URL Sentry was reached at and the Recipient it got", async () => {
    const message = await analysePosted(withConfirmations(confirmation(data({ recipient: "https://sentry.example.com/saml/acs/acme" }))));
    const finding = theFinding(message, "subject.recipient-mismatch");
    expect(finding).toMatchObject({ severity: "error", expected: ACS, actual: '"https://sentry.example.com/saml/acs/acme"', receiverMessage: "A valid SubjectConfirmation was not found on this Response" });
    expect(finding.message).toContain(sentryPage(finding));
    expect(findingsOf(message, "subject.expired")).toEqual([]);
  });

  it("accepts a Recipient that contains the URL, an empty one, and any when the ACS URL is unknown", async () => {
    for (const recipient of [`${ACS}?org=acme`, ""]) {
      expect(ids(await analysePosted(withConfirmations(confirmation(data({ recipient })))))).not.toContain("subject.recipient-mismatch");
    }
    const other = withConfirmations(confirmation(data({ recipient: "https://elsewhere.example.com/" })));
    expect(findingsOf(await analysePosted(other, { profile: { ...PROFILE, acsUrl: undefined } }), "subject.recipient-mismatch")).toEqual([]);
  });
});

describe("subject.no-bearer-confirmation", () => {
  it("rejects a Subject whose only confirmation is not bearer, or has no data, saying how many there are", async () => {
    for (const confirmations of [[confirmation(data(), "urn:oasis:names:tc:SAML:2.0:cm:sender-vouches")], [confirmation(undefined)], []]) {
      const message = await analysePosted(withConfirmations(...confirmations));
      const finding = theFinding(message, "subject.no-bearer-confirmation");
      expect(finding).toMatchObject({ severity: "error", actual: `${confirmations.length} SubjectConfirmation(s) without one`, receiverMessage: "A valid SubjectConfirmation was not found on this Response" });
      expect(finding.message).toContain(sentryPage(finding));
      expect(message.verdict).toBe("reject");
    }
  });

  it("counts a confirmation without Method, or with an empty one, as bearer, as python3-saml does", async () => {
    for (const method of [undefined, ""]) {
      const message = await analysePosted(withConfirmations(confirmation(data(), method)));
      expect(message.findings.filter((finding) => finding.id.startsWith("subject.")), String(method)).toEqual([]);
    }
  });

  it("does not judge empty times in SubjectConfirmationData", async () => {
    const message = await analysePosted(withConfirmations(confirmation(data({ notOnOrAfter: "", notBefore: "" }))));
    expect(message.findings.filter((finding) => finding.id.startsWith("subject."))).toEqual([]);
  });

  it("leaves a bearer confirmation that fails for another reason to that reason's rule", async () => {
    const message = await analysePosted(withConfirmations(confirmation(data(), "urn:oasis:names:tc:SAML:2.0:cm:holder-of-key"), confirmation(data({ notOnOrAfter: "2025-06-01T11:00:00Z" }))));
    expect(findingsOf(message, "subject.no-bearer-confirmation")).toEqual([]);
    expect(ids(message)).toContain("subject.expired");
  });
});
