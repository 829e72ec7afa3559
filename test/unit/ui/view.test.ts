/** What the list, filters and flow view show, computed from a real analysed capture. */
import { beforeAll, describe, expect, it } from "vitest";
import { readTrust, resolveProfile } from "../../../src/ui/panel/model/profile.js";
import { Session } from "../../../src/ui/panel/model/session.js";
import { directionOf, duplicateNames, filterRows, flowsOf, formatDuration, kindOf, relativeTo, verdictOf } from "../../../src/ui/panel/model/view.js";
import { fixtureText, SENTRY_PROFILE, sessionEntries, settled } from "./support.js";

let session: Session;

beforeAll(async () => {
  const trust = readTrust(fixtureText("idp-metadata.xml"), undefined);
  if (!trust.ok) throw new Error(trust.message);
  session = new Session({ onChange: () => undefined });
  session.configure({ profile: resolveProfile(SENTRY_PROFILE), trust: new Map([[trust.trust.entityId, trust.trust]]) });
  session.add(sessionEntries());
  await settled(session);
});

describe("filters", () => {
  it("by kind, errors only, and search words (all must match, any case)", () => {
    expect(filterRows(session.rows, { kind: "Response", errorsOnly: false, search: "" })).toEqual([1, 2, 3, 4]);
    expect(filterRows(session.rows, { kind: "all", errorsOnly: true, search: "" })).toEqual([2, 3, 7]);
    expect(filterRows(session.rows, { kind: "Response", errorsOnly: true, search: "duplicate-name" })).toEqual([3]);
    expect(filterRows(session.rows, { kind: "all", errorsOnly: false, search: "ONELOGIN_logout_1 logoutresponse" })).toEqual([6]);
    expect(filterRows(session.rows, { kind: "all", errorsOnly: false, search: "no-such-thing" })).toEqual([]);
  });

  it("shows who sends each message to whom", () => {
    expect(session.rows.map(directionOf)).toEqual(["SP → IdP", "IdP → SP", "IdP → SP", "IdP → SP", "IdP → SP", "SP → IdP", "IdP → SP", "SP → IdP"]);
  });
});

describe("flows", () => {
  it("pairs AuthnRequest ↔ Response and logout, marks IdP-initiated and unanswered, with the time between steps", () => {
    const flows = flowsOf(session.rows, session.exchanges);
    const summary = flows.map((flow) => ({
      kind: flow.kind,
      steps: flow.steps.map((step) => kindOf(step.row)),
      idpInitiated: flow.idpInitiated,
      unanswered: flow.unanswered,
      elapsed: flow.steps.map((step) => step.sincePrevious),
      verdict: flow.verdict,
    }));
    expect(summary).toEqual([
      { kind: "login", steps: ["AuthnRequest", "Response"], idpInitiated: false, unanswered: false, elapsed: [undefined, 2500], verdict: "accept" },
      { kind: "login", steps: ["Response"], idpInitiated: false, unanswered: false, elapsed: [undefined], verdict: "reject" },
      { kind: "login", steps: ["Response"], idpInitiated: false, unanswered: false, elapsed: [undefined], verdict: "reject" },
      { kind: "login", steps: ["Response"], idpInitiated: true, unanswered: false, elapsed: [undefined], verdict: "accept" },
      { kind: "logout", steps: ["LogoutRequest", "LogoutResponse"], idpInitiated: false, unanswered: false, elapsed: [undefined, 1200], verdict: "accept" },
      { kind: "login", steps: ["AuthnRequest"], idpInitiated: false, unanswered: true, elapsed: [undefined], verdict: "reject" },
    ]);
    expect(verdictOf(session.rows[0] ?? expect.fail())).toBe("accept");
  });
});

describe("formatting", () => {
  it("durations", () => {
    expect(formatDuration(120)).toBe("120 ms");
    expect(formatDuration(2500)).toBe("2.5 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(formatDuration(-1000)).toBe("-1.0 s");
    expect(formatDuration(36_000_000)).toBe("10 h 0 min");
    expect(formatDuration(3_599_999)).toBe("59 min 59 s");
  });

  it("SAML times relative to the capture clock", () => {
    const clock = new Date("2025-06-01T12:00:00Z");
    expect(relativeTo("2025-06-01T12:01:00Z", clock)).toBe("1 min 0 s after capture");
    expect(relativeTo("2025-06-01T11:59:50Z", clock)).toBe("10.0 s before capture");
    expect(relativeTo("not a time", clock)).toBeUndefined();
  });

  it("duplicate attribute Names", () => {
    expect([...duplicateNames([{ name: "Role" }, { name: "email" }, { name: "Role" }, { name: undefined }, { name: undefined }])]).toEqual(["Role"]);
  });
});
