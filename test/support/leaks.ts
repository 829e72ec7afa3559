/**
 * Where a secret can hide in an exported HAR: as itself, URL- or form-encoded, JSON-escaped, inside base64 at any byte
 * offset (standard, URL-safe, percent-encoded), and inside a base64 value that decodes — or inflates — to text holding
 * it (a Redirect-binding SAMLRequest is DEFLATE + base64). Used by the export's unit tests on fixture files and by the
 * browser tests on real downloads.
 */
import { inflateRawSync } from "node:zlib";

function base64Forms(bytes: Uint8Array): string[] {
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const aligned = bytes.subarray(offset, offset + Math.floor((bytes.length - offset) / 3) * 3);
    if (aligned.length < 6) continue;
    const encoded = Buffer.from(aligned).toString("base64");
    forms.push(encoded, encoded.replace(/\+/g, "-").replace(/\//g, "_"), encodeURIComponent(encoded));
  }
  return forms;
}

function textForms(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ v: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    ...base64Forms(new TextEncoder().encode(secret)),
  ];
}

function percentDecoded(text: string): string {
  return text.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** Every base64 run of the text (also after URL and JSON unescaping), decoded, and inflated where it is DEFLATE. */
function decodedRuns(text: string): string[] {
  const variants = [text, percentDecoded(text), percentDecoded(text.replace(/\+/g, " ")).replace(/ /g, "+"), text.replace(/\\\//g, "/")];
  const out: string[] = [];
  for (const variant of variants) {
    for (const run of variant.match(/[A-Za-z0-9+/_-]{16,}={0,2}/g) ?? []) {
      const bytes = Buffer.from(run.replace(/-/g, "+").replace(/_/g, "/"), "base64");
      out.push(bytes.toString("utf8"));
      try {
        out.push(inflateRawSync(bytes).toString("utf8"));
      } catch {
        // Not DEFLATE: the decoded bytes are in already.
      }
    }
  }
  return out;
}

/** How the secret shows in the text; empty when it does not. Long secrets (certificates) leak by any long piece. */
export function leaksOf(text: string, secret: string, decoded: readonly string[] = decodedRuns(text)): string[] {
  const needles = secret.length > 200 ? [0, 300, 600].map((start) => secret.slice(start, start + 48)).filter((piece) => piece.length >= 24) : [secret];
  const found: string[] = [];
  for (const needle of needles) {
    for (const form of textForms(needle)) if (text.includes(form)) found.push(`as ${JSON.stringify(form.slice(0, 40))}`);
    if (decoded.some((plain) => plain.includes(needle))) found.push("inside a base64 (or deflated + base64) value");
  }
  return found;
}

/** Each named secret with the forms in which it appears in the text (only those that appear). */
export function leakReport(text: string, secrets: Readonly<Record<string, string>>): Record<string, string[]> {
  const decoded = decodedRuns(text);
  const report: Record<string, string[]> = {};
  for (const [name, secret] of Object.entries(secrets)) {
    const found = leaksOf(text, secret, decoded);
    if (found.length > 0) report[name] = found;
  }
  return report;
}
