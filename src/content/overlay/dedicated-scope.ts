/**
 * The client's dedicated scope › Mappers page: which mapper row a mapper finding belongs to. A finding names its mapper
 * by the patch that fixes it (`/protocolMappers/{index}/…` of the saved client) or by its location
 * (`<clientId>-dedicated › Mappers › <mapper name>`); the others are about the list as a whole (a mapper is missing,
 * for instance) and go next to Add mapper. A shared scope's findings (role_list repeats an attribute) are not this page's.
 */
import { findingScopeRow, type Outcome } from "../findings.js";

export const PAGE_TARGET = "page";

function savedMappers(saved: Record<string, unknown>): Array<{ id: string; name: string }> {
  const mappers = Array.isArray(saved.protocolMappers) ? (saved.protocolMappers as unknown[]) : [];
  return mappers.map((mapper) => {
    const { id, name } = (typeof mapper === "object" && mapper !== null ? mapper : {}) as { id?: unknown; name?: unknown };
    return { id: typeof id === "string" ? id : "", name: typeof name === "string" ? name : "" };
  });
}

/** The mapper id a finding is about, or PAGE_TARGET. */
export function mapperTarget(outcome: Outcome, saved: Record<string, unknown>): string {
  const mappers = savedMappers(saved);
  for (const operation of outcome.patch) {
    const match = /^\/protocolMappers\/(\d+)\//.exec(operation.path);
    const id = match === null ? undefined : mappers[Number(match[1])]?.id;
    if (id !== undefined && id !== "") return id;
  }
  const prefix = `${String(saved.clientId)}-dedicated › Mappers › `;
  const section = outcome.finding.field.section ?? "";
  if (section.startsWith(prefix)) {
    const name = section.slice(prefix.length);
    const id = mappers.find((mapper) => mapper.name === name)?.id;
    if (id !== undefined && id !== "") return id;
  }
  return PAGE_TARGET;
}

/** Mapper findings by target (mapper id or PAGE_TARGET). */
export function mapperFindings(outcomes: readonly Outcome[], saved: Record<string, unknown>): Map<string, Outcome[]> {
  const byTarget = new Map<string, Outcome[]>([[PAGE_TARGET, []]]);
  for (const outcome of outcomes) {
    // A shared scope's findings (role_list) are about another page: its row on Client scopes and the card say them.
    if (findingScopeRow(outcome.finding) !== "dedicated") continue;
    const target = mapperTarget(outcome, saved);
    byTarget.set(target, [...(byTarget.get(target) ?? []), outcome]);
  }
  return byTarget;
}
