/**
 * The analysis as the panel's worker runs it: a capture handed over in chunks (as an import's batches arrive, or as a
 * live capture grows) ends with the same verdicts as the capture analysed at once, and what crosses between the page
 * and the worker survives the trip (structured clone, then the zod check on arrival) unchanged.
 */
import { describe, expect, it } from "vitest";
import { Analyst, type AnalystBatch } from "../../../src/ui/panel/model/analyst.js";
import { readAnswer, readRequest } from "../../../src/ui/panel/model/analysis-protocol.js";
import { readTrust, resolveProfile, type IdpTrust } from "../../../src/ui/panel/model/profile.js";
import { summaryOf } from "../../../src/ui/panel/model/row-summary.js";
import { Session, type Row } from "../../../src/ui/panel/model/session.js";
import { verdictOf } from "../../../src/ui/panel/model/view.js";
import { fixtureText, SENTRY_PROFILE, sessionEntries, settled } from "./support.js";

function metadataTrust(): Map<string, IdpTrust> {
  const read = readTrust(fixtureText("idp-metadata.xml"), undefined);
  if (!read.ok) throw new Error(read.message);
  return new Map([[read.trust.entityId, read.trust]]);
}

const settings = () => ({ profile: resolveProfile(SENTRY_PROFILE), trust: metadataTrust() });

/** What a user sees of a row: kind, verdict, the findings, what the receiver says, each signature's outcome. */
function seen(row: Row) {
  const message = row.analysis?.message;
  return {
    kind: row.facts?.kind,
    issuer: row.facts?.issuer,
    verdict: verdictOf(row),
    findings: message?.findings.map((finding) => `${finding.severity} ${finding.id}`),
    receiverMessage: message?.receiverMessage,
    signatures: row.analysis?.signatures?.signatures.map((check) => [check.signedElement, check.digestValid, check.signatureValid, check.matchesTrustedCertificate]),
  };
}

async function analysed(chunks: (entries: ReturnType<typeof sessionEntries>) => ReturnType<typeof sessionEntries>[], settleBetween: boolean) {
  const session = new Session({ onChange: () => undefined, now: () => new Date("2031-01-01T00:00:00Z") });
  session.configure(settings());
  for (const chunk of chunks(sessionEntries())) {
    session.add(chunk);
    if (settleBetween) await settled(session);
  }
  await settled(session);
  return session;
}

describe("Analyst: a capture in chunks", () => {
  it("one request at a time, each analysed before the next arrives, gives the verdicts of the whole capture at once", async () => {
    const whole = await analysed((entries) => [entries], false);
    const oneByOne = await analysed((entries) => entries.map((entry) => [entry]), true);
    expect(whole.rows.map(verdictOf)).toEqual(["accept", "accept", "reject", "reject", "accept", "accept", "accept", "reject"]);
    expect(oneByOne.rows.map(seen)).toEqual(whole.rows.map(seen));
    expect(oneByOne.exchanges).toEqual(whole.exchanges);
  });

  it("chunks that arrive while the earlier ones are still being analysed (an import's batches) give the same verdicts", async () => {
    const whole = await analysed((entries) => [entries], false);
    const batches = await analysed((entries) => [entries.slice(0, 1), entries.slice(1, 3), entries.slice(3)], false);
    expect(batches.rows.map(seen)).toEqual(whole.rows.map(seen));
  });
});

describe("Analyst: the details of a row, analysed again", () => {
  it("are the analysis the row's batch carried, for every row of a real capture (requests, paired responses, signatures)", async () => {
    const batches: AnalystBatch[] = [];
    const analyst = new Analyst({ settings: settings(), onBatch: (batch) => batches.push(batch), sliceMs: 1 });
    const entries = sessionEntries();
    const rows = entries.flatMap((entry) => entry.messages.map((captured) => ({ captured, clock: new Date(entry.http.startedAt ?? 0) })));
    // In two chunks, the second while the first is analysed; then more rows after everything was analysed.
    analyst.add(rows.slice(0, 3));
    analyst.add(rows.slice(3));
    for (let i = 0; i < 2000 && analyst.pendingCount > 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    analyst.add(rows.slice(0, 2));
    const analysed = new Map(batches.flatMap((batch) => batch.analyses).map(({ index, analysis }) => [index, analysis]));
    expect([...analysed.keys()].sort((a, b) => a - b)).toEqual(rows.map((_, index) => index));
    for (const [index, analysis] of analysed) {
      expect(analysis).toBeDefined();
      expect(await analyst.reanalyse(index)).toEqual(analysis);
    }
    // The tampered Response's details still name its broken signature, judged with the request it answers.
    expect((await analyst.reanalyse(2))?.message.findings.map((finding) => finding.id)).toContain("signature.invalid");
    expect(await analyst.reanalyse(rows.length + 5)).toBeUndefined();
    analyst.clear();
    expect(await analyst.reanalyse(0)).toBeUndefined();
  });
});

describe("Analysis worker messages", () => {
  it("every batch of a real capture's analysis arrives as it was sent", async () => {
    const batches: AnalystBatch[] = [];
    const analyst = new Analyst({ settings: settings(), onBatch: (batch) => batches.push(batch), sliceMs: 1 });
    const rows = sessionEntries().flatMap((entry) => entry.messages.map((captured) => ({ captured, clock: new Date(entry.http.startedAt ?? 0) })));
    analyst.add(rows);
    for (let i = 0; i < 2000 && analyst.pendingCount > 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(batches.flatMap((batch) => batch.analyses).filter((item) => item.analysis !== undefined)).toHaveLength(rows.length);
    for (const batch of batches) {
      const results = batch.analyses.map(({ index, analysis }) => ({ index, summary: analysis === undefined ? undefined : summaryOf(analysis) }));
      const sent = { type: "batch" as const, generation: 3, facts: batch.facts, results, received: batch.received, pending: batch.pending };
      expect(readAnswer(structuredClone(sent))).toEqual(sent);
      for (const { index, analysis } of batch.analyses) {
        const detail = { type: "detail" as const, generation: 3, index, analysis };
        expect(readAnswer(structuredClone(detail))).toEqual(detail);
      }
    }
    const add = { type: "add" as const, generation: 3, rows };
    expect(readRequest(structuredClone(add))).toEqual(add);
    const configure = { type: "configure" as const, generation: 4, ...settings(), trust: [...metadataTrust().values()] };
    expect(readRequest(structuredClone(configure))).toEqual(configure);
  });

  it("refuses what is not a batch", () => {
    expect(readAnswer({ type: "batch", generation: 1, facts: [], results: [{ index: 0, summary: { verdict: "accept" } }], received: 1, pending: 0 })).toBeUndefined();
    expect(readAnswer({ type: "detail", generation: 1, index: 0, analysis: { message: { verdict: "accept" } } })).toBeUndefined();
    expect(readAnswer("done")).toBeUndefined();
    expect(readRequest({ type: "add", generation: 0, rows: [{ captured: { value: 1 }, clock: new Date() }] })).toBeUndefined();
  });
});
