/** The panel's fixture capture (regenerate with `node test/fixtures/panel/generate.mjs`) read the way the panel reads it. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { importHarBytes } from "../../../src/core/har/stream-import.js";
import type { CapturedEntry } from "../../../src/ui/panel/model/entry.js";
import { entriesOfImport } from "../../../src/ui/panel/model/har-file.js";
import type { Session } from "../../../src/ui/panel/model/session.js";

export const PANEL_FIXTURES = join(import.meta.dirname, "../../fixtures/panel");
export const SAML_KEYS = join(import.meta.dirname, "../../fixtures/saml/keys");

export function fixtureText(name: string): string {
  return readFileSync(join(PANEL_FIXTURES, name), "utf8");
}

export function sessionEntries(): readonly CapturedEntry[] {
  const read = entriesOfImport(importHarBytes(readFileSync(join(PANEL_FIXTURES, "session.har"))));
  if (!read.ok) throw new Error(read.message);
  return read.entries;
}

/**
 * Resolves once the session has analysed every row (it analyses in slices between timer ticks). A row leaves the
 * pending list when its analysis starts, so the last one may still be verifying signatures: wait for its result too
 * (on a loaded machine that takes longer than a timer tick).
 */
export async function settled(session: Session): Promise<void> {
  const done = () => session.pendingCount === 0 && session.rows.every((row) => row.analysis !== undefined);
  for (let i = 0; i < 2000 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!done()) throw new Error(`${session.pendingCount} rows still pending, ${session.rows.filter((row) => row.analysis === undefined).length} without analysis`);
}

export const IDP = "https://keycloak.example.com/realms/demo";
export const SENTRY_PROFILE = { kind: "sentry", urlPrefix: "https://sentry.example.com", orgSlug: "acme", identifierAttribute: "user_email", emailAttribute: "user_email" } as const;
