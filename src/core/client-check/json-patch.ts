/**
 * The subset of JSON Patch (RFC 6902) that fixes use: add (which also replaces an object member), replace, remove.
 * Applying never throws: a path that does not resolve is reported.
 */
// zod/mini: fixes are checked again in the content script (the overlay), which has a size budget.
import * as z from "zod/mini";

export const jsonPatchOperationSchema = z.union([
  z.object({ op: z.literal("add"), path: z.string(), value: z.unknown() }),
  z.object({ op: z.literal("replace"), path: z.string(), value: z.unknown() }),
  z.object({ op: z.literal("remove"), path: z.string() }),
]);
export type JsonPatchOperation = z.infer<typeof jsonPatchOperationSchema>;

/** RFC 6901 escaping of one reference token ("/" and "~" occur in Keycloak keys and URLs). */
function pointerToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function pointer(...tokens: ReadonlyArray<string | number>): string {
  return tokens.map((token) => `/${pointerToken(String(token))}`).join("");
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Patches and documents are JSON, so a JSON round trip is a faithful deep copy. */
function cloneJson(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === "object" && value !== null;
}

/** Applies operations to a deep copy of `document`. */
export function applyJsonPatch(
  document: unknown,
  operations: readonly JsonPatchOperation[],
): { ok: true; value: unknown } | { ok: false; message: string } {
  const root: unknown = cloneJson(document);
  for (const operation of operations) {
    const tokens = operation.path.split("/").slice(1).map(unescapeToken);
    const last = tokens.pop();
    if (last === undefined) return { ok: false, message: `The patch path "${operation.path}" names the whole document.` };
    let parent: unknown = root;
    for (const token of tokens) {
      parent = isContainer(parent) ? (Array.isArray(parent) ? parent[Number(token)] : parent[token]) : undefined;
    }
    if (!isContainer(parent)) return { ok: false, message: `The patch path "${operation.path}" does not exist.` };
    if (Array.isArray(parent)) {
      const index = last === "-" ? parent.length : Number(last);
      if (!Number.isInteger(index) || index < 0 || index > parent.length) return { ok: false, message: `Bad array index in "${operation.path}".` };
      if (operation.op === "add") parent.splice(index, 0, cloneJson(operation.value));
      else if (index >= parent.length) return { ok: false, message: `Nothing at "${operation.path}".` };
      else if (operation.op === "replace") parent[index] = cloneJson(operation.value);
      else parent.splice(index, 1);
    } else {
      if (operation.op !== "add" && !(last in parent)) return { ok: false, message: `Nothing at "${operation.path}".` };
      if (operation.op === "remove") delete parent[last];
      else parent[last] = cloneJson(operation.value);
    }
  }
  return { ok: true, value: root };
}
