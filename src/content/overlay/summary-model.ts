/** What the summary card says on a client page, from plain facts about the page: no DOM, no state of its own. */
import type { PresetState } from "./preset.js";
import type { CheckResponse } from "../findings.js";
import { describePreset } from "../preset-choice.js";
import type { SummaryModel } from "./summary.js";


export interface SummaryFacts {
  /** The console has loaded the saved client. */
  readonly loaded: boolean;
  /** …and should have by now. */
  readonly loadOverdue: boolean;
  readonly preset: PresetState;
  readonly editingPreset: boolean;
  readonly response: CheckResponse | null;
  readonly fixableHere: number;
  readonly unsaved: boolean;
  readonly unrecognised: readonly string[] | null;
  readonly notice: string | null;
}

export function summaryModel(facts: SummaryFacts): SummaryModel {
  const { preset, response } = facts;
  if (!facts.loaded) {
    return facts.loadOverdue
      ? { kind: "unrecognised", text: "This console version is not recognised: SAML Lens has not seen it load this client, so it cannot check it here." }
      : { kind: "waiting", text: "Waiting for the console to load this client…" };
  }
  if (preset.kind === "loading") return { kind: "waiting", text: "Loading…" };
  if (preset.kind === "none" || facts.editingPreset) {
    return {
      kind: "choose-preset",
      problem: preset.kind === "none" ? preset.problem : null,
      initial: preset.kind === "chosen" ? preset.preset : null,
    };
  }
  if (response === null) return { kind: "waiting", text: "Checking…" };
  return {
    kind: "result",
    presetLabel: `${response.presetName} · ${describePreset(preset.preset)}${preset.inferred ? " (from the Client ID)" : ""}`,
    response,
    fixableHere: facts.fixableHere,
    unsaved: facts.unsaved,
    unrecognised: facts.unrecognised,
    notice: facts.notice,
  };
}
