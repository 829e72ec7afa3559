/**
 * Java `.properties` files, as Keycloak reads its theme messages: `#`/`!` comments, `key=value` or `key: value`,
 * a backslash at the end of a line continues it, `\uXXXX` and `\t \n \r \f` escapes.
 */
export function parseProperties(text: string): Map<string, string> {
  const lines = text.split(/\r\n|\r|\n/);
  const result = new Map<string, string>();
  let logical = "";
  for (const raw of lines) {
    const line = raw.trimStart();
    if (logical === "" && (line === "" || line.startsWith("#") || line.startsWith("!"))) continue;
    if (endsWithContinuation(line)) {
      logical += line.slice(0, -1);
      continue;
    }
    logical += line;
    addEntry(result, logical);
    logical = "";
  }
  if (logical !== "") addEntry(result, logical);
  return result;
}

/** An odd number of trailing backslashes continues the line; an even number is escaped backslashes. */
function endsWithContinuation(line: string): boolean {
  let count = 0;
  for (let index = line.length - 1; index >= 0 && line[index] === "\\"; index--) count++;
  return count % 2 === 1;
}

function addEntry(into: Map<string, string>, logical: string): void {
  let index = 0;
  let key = "";
  while (index < logical.length) {
    const char = logical[index] ?? "";
    if (char === "\\") {
      key += logical.slice(index, index + 2);
      index += 2;
      continue;
    }
    if (char === "=" || char === ":" || char === " " || char === "\t") break;
    key += char;
    index++;
  }
  while (index < logical.length && (logical[index] === " " || logical[index] === "\t")) index++;
  if (logical[index] === "=" || logical[index] === ":") index++;
  while (index < logical.length && (logical[index] === " " || logical[index] === "\t")) index++;
  into.set(unescape(key), unescape(logical.slice(index)));
}

const SIMPLE_ESCAPES: Record<string, string> = { t: "\t", n: "\n", r: "\r", f: "\f" };

function unescape(value: string): string {
  return value.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_match, escaped: string) => {
    if (escaped.length === 5) return String.fromCharCode(Number.parseInt(escaped.slice(1), 16));
    return SIMPLE_ESCAPES[escaped] ?? escaped;
  });
}
