import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSamlTime } from "../../../../src/core/saml/time.js";

/** The format python3-saml documents for `parse_SAML_to_time`: yyyy-mm-ddThh:mm:ss(\.s+)?Z, sub-seconds ignored. */
const DOCUMENTED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/;

function byPattern(value: string): number | undefined {
  const match = DOCUMENTED.exec(value);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const millis = Date.UTC(year, month - 1, day, hour, minute, second);
  return Number.isNaN(millis) ? undefined : millis / 1000;
}

describe("SAML timestamps", () => {
  it("reads what Keycloak writes, ignoring the sub-second part as python3-saml does", () => {
    expect(parseSamlTime("2025-06-01T12:00:00Z")).toBe(1748779200);
    expect(parseSamlTime("2025-06-01T12:00:00.999Z")).toBe(1748779200);
    expect(parseSamlTime("2025-06-01T12:00:00.1234567Z")).toBe(1748779200);
  });

  it("refuses local times, offsets, missing seconds and empty fractions", () => {
    for (const value of ["2025-06-01T12:00:00", "2025-06-01T12:00:00+01:00", "2025-06-01T12:00Z", "2025-06-01T12:00:00.Z", "2025-06-01 12:00:00Z", "", "Z"]) {
      expect(parseSamlTime(value), value).toBeUndefined();
    }
  });

  it("agrees with the documented pattern on arbitrary strings near the format", () => {
    const character = fc.constantFrom(..."0123456789-T:.Z x+");
    const nearFormat = fc.oneof(
      fc.string({ unit: character, maxLength: 30 }),
      fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2999-12-31T23:59:59Z"), noInvalidDate: true }).map((date) => date.toISOString()),
      fc.tuple(fc.date({ noInvalidDate: true, min: new Date("1000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z") }), fc.nat(40), character).map(
        ([date, at, replacement]) => {
          const text = date.toISOString();
          return text.slice(0, at) + replacement + text.slice(at + 1);
        },
      ),
    );
    fc.assert(fc.property(nearFormat, (value) => parseSamlTime(value) === byPattern(value)), { numRuns: 20000, seed: 4242 });
  });
});
