/** PEM armour ("-----BEGIN CERTIFICATE-----" … "-----END CERTIFICATE-----"), as users paste it. */

export interface PemBlock {
  /** The label between BEGIN and the dashes, e.g. "CERTIFICATE" or "PRIVATE KEY". */
  readonly label: string;
  /** The base64 body (headers such as "Proc-Type:" removed). */
  readonly body: string;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;

/** Every PEM block in the text, in order. A block whose END label differs from its BEGIN label is skipped. */
export function readPemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const [, label = "", rawBody = "", endLabel] = match;
    if (label !== endLabel) continue;
    // RFC 1421 encapsulated headers ("Name: value") precede the base64; they only occur in legacy key files.
    const body = rawBody
      .split(/\r?\n/)
      .filter((line) => !line.includes(":"))
      .join("\n");
    out.push({ label, body });
  }
  return out;
}
