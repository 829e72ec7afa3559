/**
 * HAR import of a 100 MB capture: the streaming importer (src/core/har/stream-import.ts) against `JSON.parse` of the
 * same file, in time and in memory. The capture is generated here, into .cache/ (never committed): a browsing session
 * of pages, scripts, API calls and images with large bodies, a few Sentry ↔ Keycloak logins among them, saved the way
 * Chrome saves a HAR (pretty-printed, UTF-8).
 *
 * Each measurement runs in a fresh child process, so that peak RSS and the heap of one does not colour the other.
 * Targets (issue 4): import ≤ 1.5× JSON.parse, peak memory ≤ 3× the file size. A missed target is reported, not fatal.
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { seededRandom } from "../scripts/seeded-random.mjs";
import { importHarBytes } from "../src/core/har/stream-import.js";

const CACHE = join(process.cwd(), ".cache", "har-bench");
const TARGET_BYTES = 100 * 1024 * 1024;
const GENERATOR_VERSION = 4;
const FILE = join(CACHE, `session-100mb-v${GENERATOR_VERSION}.har`);
const ROUNDS = 3;

// ---- The capture --------------------------------------------------------------------------------------------------

const WORDS = "the of and to in is you that it he was for on are as with his they at be this from have or by one had not but what all were when we there can an your which their said if do will each about how up out them then she many some so these would other into has more her two like him see time could no make than first been its who now people my made over did down only way find use may water long little very after words called just where most know get through back much go good new write our me man too any day same right look think also around another came come work three word must because does part even place well such here take why things help put years different away again off went old number".split(" ");
const UNICODE = ["Grüße", "Zürich", "señal", "naïve", "日本語のテキスト", "Привет", "emoji 🎉🚀", "€ 12,50", "Ελληνικά"];

function text(rand: () => number, bytes: number, escapes: boolean): string {
  const out: string[] = [];
  let size = 0;
  while (size < bytes) {
    const r = rand();
    let word = WORDS[Math.floor(r * WORDS.length)] ?? "x";
    if (r < 0.01) word = UNICODE[Math.floor(rand() * UNICODE.length)] ?? word;
    else if (escapes && r < 0.06) word = `"${word}"\n\t\\`;
    out.push(word);
    size += word.length + 1;
  }
  return out.join(" ");
}

function base64Blob(rand: () => number, bytes: number): string {
  const raw = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 4) raw.writeUInt32LE(Math.floor(rand() * 4294967296), Math.min(i, bytes - 4));
  return raw.toString("base64");
}

function headers(rand: () => number, count: number): { name: string; value: string }[] {
  const names = ["accept", "accept-encoding", "accept-language", "cache-control", "content-type", "date", "etag", "server", "user-agent", "vary", "x-request-id", "x-frame-options", "strict-transport-security", "content-length", "referer", "sec-fetch-mode", "sec-fetch-site", "sec-ch-ua", "priority", "connection"];
  return Array.from({ length: count }, (_, i) => ({ name: names[i % names.length] ?? "x", value: text(rand, 20 + Math.floor(rand() * 60), false) }));
}

interface Body {
  mimeType: string;
  text: string;
  encoding?: string;
}

function entry(rand: () => number, method: string, url: string, status: number, body: Body, postData?: { mimeType: string; text: string }, redirectURL = "") {
  const query = url.includes("?") ? [...new URLSearchParams(url.split("?")[1]).entries()].map(([name, value]) => ({ name, value })) : [];
  return {
    _initiator: { type: "other" },
    _priority: "High",
    _resourceType: body.mimeType.includes("html") ? "document" : "fetch",
    cache: {},
    connection: String(Math.floor(rand() * 90000)),
    pageref: "page_1",
    request: {
      method,
      url,
      httpVersion: "http/2.0",
      headers: headers(rand, 12 + Math.floor(rand() * 8)),
      queryString: query,
      cookies: [{ name: "sentrysid", value: base64Blob(rand, 24), path: "/", domain: "sentry.example.com", expires: "2031-01-01T00:00:00.000Z", httpOnly: true, secure: true }],
      headersSize: -1,
      bodySize: postData?.text.length ?? 0,
      ...(postData === undefined ? {} : { postData }),
    },
    response: {
      status,
      statusText: status === 200 ? "OK" : status === 302 ? "Found" : "",
      httpVersion: "http/2.0",
      headers: headers(rand, 10 + Math.floor(rand() * 10)),
      cookies: [],
      content: { size: body.text.length, mimeType: body.mimeType, text: body.text, ...(body.encoding === undefined ? {} : { encoding: body.encoding }) },
      redirectURL,
      headersSize: -1,
      bodySize: -1,
      _transferSize: Math.floor(body.text.length / 3),
      _error: null,
    },
    serverIPAddress: "192.0.2.10",
    startedDateTime: new Date(Date.UTC(2025, 5, 1, 12) + Math.floor(rand() * 3600_000)).toISOString(),
    time: rand() * 500,
    timings: { blocked: rand() * 5, dns: -1, ssl: -1, connect: -1, send: 0.2, wait: rand() * 300, receive: rand() * 50, _blocked_queueing: 1.2 },
  };
}

function loginEntries(rand: () => number, n: number) {
  const xml = readFileSync(join(process.cwd(), "test/fixtures/saml/responses/valid-signed-document.xml"), "utf8");
  const request =
    `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="ONELOGIN_req_${n}" Version="2.0" IssueInstant="2025-06-01T11:59:50Z" ` +
    `Destination="https://keycloak.example.com/realms/demo/protocol/saml" AssertionConsumerServiceURL="https://sentry.example.com/saml/acs/acme/">` +
    `<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://sentry.example.com/saml/metadata/acme/</saml:Issuer></samlp:AuthnRequest>`;
  const redirect = `https://keycloak.example.com/realms/demo/protocol/saml?${new URLSearchParams({ SAMLRequest: deflateRawSync(Buffer.from(request)).toString("base64"), RelayState: `relay-${n}` })}`;
  const response = Buffer.from(xml).toString("base64");
  const html = (page: string) => ({ mimeType: "text/html; charset=utf-8", text: page });
  const autoPost = `<html><body onload="document.forms[0].submit()"><form method="post" action="https://sentry.example.com/saml/acs/acme/"><input type="hidden" name="SAMLResponse" value="${response}"/><input type="hidden" name="RelayState" value="relay-${n}"/></form></body></html>`;
  return [
    entry(rand, "GET", "https://sentry.example.com/auth/login/acme/", 302, html(""), undefined, redirect),
    entry(rand, "GET", redirect, 200, html(`<html><body>${text(rand, 20_000, false)}<form id="kc-form-login"></form></body></html>`)),
    entry(rand, "POST", "https://keycloak.example.com/realms/demo/login-actions/authenticate?session_code=abc", 200, html(autoPost), { mimeType: "application/x-www-form-urlencoded", text: "username=alice&password=secret" }),
    entry(rand, "POST", "https://sentry.example.com/saml/acs/acme/", 302, html(""), { mimeType: "application/x-www-form-urlencoded", text: new URLSearchParams({ SAMLResponse: response, RelayState: `relay-${n}` }).toString() }),
  ];
}

function ordinaryEntry(rand: () => number, i: number) {
  const kind = rand();
  // Most requests of a session are small: API calls, beacons, fonts and icons.
  if (kind < 0.15) return entry(rand, "POST", `https://sentry.example.com/api/0/envelope/?sentry_key=${i}`, 200, { mimeType: "application/json", text: "{}" }, { mimeType: "text/plain;charset=UTF-8", text: text(rand, 300 + Math.floor(rand() * 2000), true) });
  if (kind < 0.5) return entry(rand, "GET", `https://sentry.example.com/api/0/organizations/acme/projects/?page=${i}`, 200, { mimeType: "application/json", text: JSON.stringify({ id: i, name: text(rand, 200 + Math.floor(rand() * 4000), true) }) });
  if (kind < 0.62) return entry(rand, "GET", `https://sentry.example.com/_static/dist/app.${i}.js`, 200, { mimeType: "application/javascript", text: text(rand, 100_000 + Math.floor(rand() * 600_000), true) });
  if (kind < 0.72) return entry(rand, "GET", `https://sentry.example.com/images/${i}.png`, 200, { mimeType: "image/png", text: base64Blob(rand, 10_000 + Math.floor(rand() * 150_000)), encoding: "base64" });
  if (kind < 0.9) {
    const json = JSON.stringify({ items: Array.from({ length: 50 + Math.floor(rand() * 400) }, (_, k) => ({ id: k, title: text(rand, 60, false), culprit: text(rand, 40, true), count: Math.floor(rand() * 1000) })) });
    return entry(rand, "GET", `https://sentry.example.com/api/0/organizations/acme/issues/?cursor=${i}`, 200, { mimeType: "application/json", text: json });
  }
  return entry(rand, "GET", `https://sentry.example.com/organizations/acme/issues/${i}/`, 200, { mimeType: "text/html; charset=utf-8", text: `<!DOCTYPE html><html><body>${text(rand, 30_000 + Math.floor(rand() * 100_000), false)}</body></html>` });
}

async function generate(): Promise<void> {
  mkdirSync(CACHE, { recursive: true });
  // Deterministic, so every run measures the same file.
  const rand = seededRandom(4);
  const out = createWriteStream(FILE);
  const write = (chunk: string) => new Promise<void>((resolve) => (out.write(chunk) ? resolve() : out.once("drain", resolve)));
  await write('{\n  "log": {\n    "version": "1.2",\n    "creator": {\n      "name": "WebInspector",\n      "version": "537.36"\n    },\n    "pages": [],\n    "entries": [');
  let size = 0;
  let logins = 0;
  for (let i = 0; size < TARGET_BYTES; i++) {
    const batch = i % 150 === 75 ? loginEntries(rand, logins++) : [ordinaryEntry(rand, i)];
    for (const item of batch) {
      const json = `${size === 0 ? "\n" : ",\n"}${JSON.stringify(item, null, 2).replace(/^/gm, "      ")}`;
      size += Buffer.byteLength(json);
      await write(json);
    }
  }
  await write("\n    ]\n  }\n}\n");
  await new Promise<void>((resolve) => out.end(resolve));
}

// ---- Measurements (each in its own process) --------------------------------------------------------------------------

interface Sample {
  readonly ms: number;
  /** Highest RSS of the process above its RSS before the file was read: file bytes, import, result, garbage. */
  readonly peakRss: number;
  /** Heap still in use afterwards, with the result alive. */
  readonly heapRetained: number;
  readonly entries: number;
  readonly messages: number;
}

function measure(mode: string): Sample {
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const bytes: Uint8Array = readFileSync(FILE);
  const started = performance.now();
  let entries = 0;
  let messages = 0;
  let keep: unknown;
  if (mode === "json-parse") {
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as { log: { entries: unknown[] } };
    entries = parsed.log.entries.length;
    keep = parsed;
  } else {
    const result = importHarBytes(bytes);
    if (!result.ok) throw new Error(result.message);
    entries = result.entryCount;
    messages = result.messages.length;
    keep = result;
  }
  const ms = performance.now() - started;
  const peakRss = process.resourceUsage().maxRSS * 1024 - rssBefore;
  globalThis.gc?.();
  const heapRetained = process.memoryUsage().heapUsed - heapBefore;
  if (keep === undefined) throw new Error("unreachable");
  return { ms, peakRss, heapRetained, entries, messages };
}

function child(mode: string): Sample {
  const result = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=4096", process.argv[1] ?? "", "--child", mode], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${mode} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").pop() ?? "{}") as Sample;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const childMode = process.argv.indexOf("--child");
  if (childMode >= 0) {
    console.log(JSON.stringify(measure(process.argv[childMode + 1] ?? "")));
    return;
  }
  if (!existsSync(FILE)) {
    console.log(`generating ${FILE} …`);
    await generate();
  }
  const size = statSync(FILE).size;
  const baseline: Sample[] = [];
  const subject: Sample[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    baseline.push(child("json-parse"));
    subject.push(child("stream"));
  }
  const best = (samples: Sample[]) => samples.reduce((a, b) => (a.ms <= b.ms ? a : b));
  const worstMemory = (samples: Sample[]) => Math.max(...samples.map((s) => s.peakRss));
  const base = best(baseline);
  const sub = best(subject);
  const timeRatio = sub.ms / base.ms;
  const memoryRatio = worstMemory(subject) / size;
  console.log(`file: ${mb(size)}, ${sub.entries} entries, ${sub.messages} SAML messages`);
  console.log(`JSON.parse (UTF-8 decode + parse): ${base.ms.toFixed(0)} ms, peak RSS +${mb(worstMemory(baseline))} (file bytes included), heap retained ${mb(base.heapRetained)}`);
  console.log(`streaming import:                  ${sub.ms.toFixed(0)} ms, peak RSS +${mb(worstMemory(subject))} (file bytes included), heap retained ${mb(sub.heapRetained)}`);
  console.log("");
  console.log("| measure                         | ratio | target | met |");
  console.log("|---------------------------------|-------|--------|-----|");
  console.log(`| import time / JSON.parse time   | ${timeRatio.toFixed(2)}× | ≤ 1.5× | ${timeRatio <= 1.5 ? "yes" : "NO"} |`);
  console.log(`| import peak memory / file size  | ${memoryRatio.toFixed(2)}× | ≤ 3×   | ${memoryRatio <= 3 ? "yes" : "NO"} |`);
  console.log(`| JSON.parse peak memory / file   | ${(worstMemory(baseline) / size).toFixed(2)}× | (context) |     |`);
}

await main();
