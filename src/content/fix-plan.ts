/**
 * What a fix changes, planned from the checker's patch without touching the page: writes into the shown form's
 * fields, and the page of the same client where the rest is done (a mapper's form, the dedicated scope, Client
 * scopes) with what to fill in there.
 */
import { formKey } from "../core/keycloak/form-keys.js";
import type { Outcome, PatchOperation } from "./findings.js";
import { fieldByKey, type ConsoleField } from "./selectors.js";

export type FormWrite =
  | { readonly field: ConsoleField; readonly value: unknown }
  | { readonly field: ConsoleField; readonly uri: string; readonly index: number | "append" }
  /** The whole list becomes exactly these entries (the others are removed). */
  | { readonly field: ConsoleField; readonly uris: readonly string[] };

/** A value for a mapper's form: `name`, or a mapper config key (`attribute.name`, `single`, …). */
export interface MapperFormValue {
  readonly key: string;
  readonly value: string;
}

/** Where a fix that is not made on the shown form is made: a page of the same client. */
export type FixTarget =
  /** Add mapper › By configuration › <type>: the form of a new mapper of that type. */
  | { readonly kind: "new-mapper"; readonly mapperType: string }
  /** An existing mapper's form. */
  | { readonly kind: "mapper"; readonly mapperId: string }
  /** The client's dedicated scope (its own mappers). */
  | { readonly kind: "dedicated-scope" }
  /** The client's Client scopes tab. */
  | { readonly kind: "client-scopes" };

export interface FixPlan {
  readonly writes: readonly FormWrite[];
  /** The page where the rest is done (mapper and scope fixes). */
  readonly target: FixTarget | null;
  /** What to fill into the mapper form at `target` (the user saves it there). */
  readonly mapperForm: readonly MapperFormValue[];
}


const unescapeToken = (token: string) => token.replace(/~1/g, "/").replace(/~0/g, "~");

function mapperId(saved: Record<string, unknown>, index: string | undefined): string | null {
  const mappers = saved.protocolMappers;
  if (!Array.isArray(mappers) || index === undefined) return null;
  const mapper: unknown = mappers[Number(index)];
  if (typeof mapper !== "object" || mapper === null) return null;
  const id = (mapper as { id?: unknown }).id;
  return typeof id === "string" ? id : null;
}

/** A new mapper as the checker proposes it (`add /protocolMappers/-`): its type and what to type into its form. */
function newMapperForm(value: unknown): { type: string; values: MapperFormValue[] } | null {
  if (typeof value !== "object" || value === null) return null;
  const { protocolMapper, name, config } = value as { protocolMapper?: unknown; name?: unknown; config?: unknown };
  if (typeof protocolMapper !== "string") return null;
  const values: MapperFormValue[] = typeof name === "string" ? [{ key: "name", value: name }] : [];
  if (typeof config === "object" && config !== null) {
    for (const [key, entry] of Object.entries(config)) if (typeof entry === "string") values.push({ key, value: entry });
  }
  return { type: protocolMapper, values };
}

export function planFix(outcome: Outcome, saved: Record<string, unknown>): FixPlan {
  const writes: FormWrite[] = [];
  let target: FixTarget | null = null;
  const mapperForm: MapperFormValue[] = [];
  for (const operation of outcome.patch) {
    const [head, second, third, fourth] = operation.path.split("/").slice(1).map(unescapeToken);
    if (head === "protocolMappers") {
      const created = second === "-" && operation.op === "add" ? newMapperForm(operation.value) : null;
      if (created !== null) {
        target = { kind: "new-mapper", mapperType: created.type };
        mapperForm.push(...created.values);
        continue;
      }
      const id = third === "config" ? mapperId(saved, second) : null;
      target = id === null ? { kind: "dedicated-scope" } : { kind: "mapper", mapperId: id };
      if (id !== null && fourth !== undefined && operation.op !== "remove" && typeof operation.value === "string") {
        mapperForm.push({ key: fourth, value: operation.value });
      }
      continue;
    }
    if (head === "defaultClientScopes") {
      target = { kind: "client-scopes" };
      continue;
    }
    if (head === "redirectUris") {
      const field = fieldByKey("redirectUris");
      if (field === undefined || operation.op === "remove") continue;
      const values = Array.isArray(operation.value) ? operation.value : [operation.value];
      if (second === undefined) writes.push({ field, uris: values.filter((value): value is string => typeof value === "string") });
      else for (const value of values) if (typeof value === "string") writes.push({ field, uri: value, index: second === "-" ? "append" : Number(second) });
      continue;
    }
    const key = head === "attributes" && second !== undefined ? formKey(second) : head;
    const field = key === undefined ? undefined : fieldByKey(key);
    if (field !== undefined && operation.op !== "remove") writes.push({ field, value: valueOf(operation) });
  }
  return { writes, target, mapperForm };
}

function valueOf(operation: PatchOperation): unknown {
  return operation.op === "remove" ? undefined : operation.value;
}
