/**
 * The list's rows under a filter, kept up to date frame by frame from the session's change log while a real capture is
 * analysed in many small batches: after every batch, and after a clear or a new profile, they are exactly the rows a
 * full pass of `filterRows` finds.
 */
import { describe, expect, it } from "vitest";
import { readTrust, resolveProfile, type IdpTrust } from "../../../src/ui/panel/model/profile.js";
import { Session } from "../../../src/ui/panel/model/session.js";
import { filterRows, NO_FILTER, type RowFilter } from "../../../src/ui/panel/model/view.js";
import { VisibleRows } from "../../../src/ui/panel/model/visible-rows.js";
import { fixtureText, IDP, SENTRY_PROFILE, sessionEntries, settled } from "./support.js";

function metadataTrust(): Map<string, IdpTrust> {
  const read = readTrust(fixtureText("idp-metadata.xml"), undefined);
  if (!read.ok) throw new Error(read.message);
  return new Map([[read.trust.entityId, read.trust]]);
}

const FILTERS: readonly RowFilter[] = [
  NO_FILTER,
  { kind: "Response", errorsOnly: false, search: "" },
  { kind: "all", errorsOnly: true, search: "" },
  { kind: "all", errorsOnly: false, search: "signature.invalid" },
  { kind: "AuthnRequest", errorsOnly: false, search: IDP.toUpperCase() },
];

describe("VisibleRows", () => {
  it("after every batch of an analysis in many slices, each filter shows what a full recompute shows", async () => {
    const session = new Session({ onChange: () => compare(), now: () => new Date("2031-01-01T00:00:00Z"), sliceMs: 1 });
    const views = FILTERS.map(() => new VisibleRows());
    let compared = 0;
    let differing = 0;
    function compare() {
      FILTERS.forEach((filter, at) => {
        const incremental = views[at]?.of(session, filter);
        if (JSON.stringify(incremental) !== JSON.stringify(filterRows(session.rows, filter))) differing += 1;
        compared += 1;
      });
    }
    session.configure({ profile: resolveProfile(SENTRY_PROFILE), trust: metadataTrust() });
    // The capture twelve times over, in chunks arriving while earlier ones are analysed.
    for (let round = 0; round < 12; round++) {
      const entries = sessionEntries();
      session.add(entries.slice(0, 3));
      session.add(entries.slice(3));
    }
    await settled(session);
    compare();
    expect(differing).toBe(0);
    expect(compared).toBeGreaterThan(FILTERS.length * 50);
    // The filters found something, so the comparison says something.
    expect(filterRows(session.rows, { kind: "all", errorsOnly: true, search: "" })).toHaveLength(3 * 12);
    expect(filterRows(session.rows, FILTERS[3] ?? NO_FILTER)).toHaveLength(12);

    // A new profile resets every verdict; a Clear takes every row away.
    session.configure({ profile: resolveProfile(SENTRY_PROFILE), trust: new Map() });
    await settled(session);
    compare();
    session.clear();
    compare();
    session.add(sessionEntries());
    await settled(session);
    compare();
    expect(differing).toBe(0);
  });

  it("switching filters on the same rows gives each filter's own rows", async () => {
    const session = new Session({ onChange: () => undefined, now: () => new Date("2031-01-01T00:00:00Z") });
    session.configure({ profile: resolveProfile(SENTRY_PROFILE), trust: metadataTrust() });
    session.add(sessionEntries());
    await settled(session);
    const view = new VisibleRows();
    for (const filter of [...FILTERS, ...FILTERS]) expect(view.of(session, filter)).toEqual(filterRows(session.rows, filter));
  });
});
