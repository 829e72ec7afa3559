/**
 * Recorder records → HAR 1.2 entries, the form the panel UI reads (the same as DevTools' network entries and imported
 * HAR files). The recorder keeps only the SAML parameters, the request headers and the answer's status (and where a
 * redirect went), so the rest of the entry is empty.
 */
import type { RecorderRecord } from "../platform/recorder-store.js";

export function harEntryOf(record: RecorderRecord): Record<string, unknown> {
  const postData =
    record.form === undefined ? {} : { postData: { mimeType: "application/x-www-form-urlencoded", text: new URLSearchParams(record.form).toString(), params: [] } };
  return {
    startedDateTime: record.time,
    time: 0,
    request: { method: record.method, url: record.url, httpVersion: "", headers: record.headers ?? [], queryString: [], cookies: cookiesOf(record), headersSize: -1, bodySize: -1, ...postData },
    response: {
      status: record.status ?? 0,
      statusText: "",
      httpVersion: "",
      headers: record.location === undefined ? [] : [{ name: "Location", value: record.location }],
      cookies: [],
      content: { size: 0, mimeType: "" },
      redirectURL: record.location ?? "",
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
  };
}

/** HAR lists the Cookie header's pairs again as `cookies`. */
function cookiesOf(record: RecorderRecord): { name: string; value: string }[] {
  const header = record.headers?.find((candidate) => candidate.name.toLowerCase() === "cookie");
  if (header === undefined) return [];
  return header.value.split(";").flatMap((pair) => {
    const at = pair.indexOf("=");
    const name = (at < 0 ? pair : pair.slice(0, at)).trim();
    return name === "" ? [] : [{ name, value: at < 0 ? "" : pair.slice(at + 1).trim() }];
  });
}
