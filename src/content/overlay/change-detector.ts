/**
 * Whether a check would be asked anything new. The saved client, the scopes and the preset are compared by identity
 * (the page bridge replaces them when the console fetches again); only the form's values are compared by content.
 * Serializing the whole request to compare it cost more than everything else the overlay does on a route change.
 */
import type { PresetChoice } from "../../core/presets/choice.js";
import type { MessageRequest } from "../../platform/messages.js";
import { readFormValues, withFormValues, type FormValues } from "../form-state.js";

export interface CheckInputs {
  readonly saved: unknown;
  readonly defaultScopes: unknown;
  readonly clientScopes: unknown;
  readonly preset: unknown;
  /** The form's values, serialized. */
  readonly values: string;
}

export class ChangeDetector {
  private last: CheckInputs | null = null;

  /** True when `inputs` differ from the last ones seen (which they then become). */
  changed(inputs: CheckInputs): boolean {
    const last = this.last;
    if (
      last !== null &&
      last.saved === inputs.saved &&
      last.defaultScopes === inputs.defaultScopes &&
      last.clientScopes === inputs.clientScopes &&
      last.preset === inputs.preset &&
      last.values === inputs.values
    ) {
      return false;
    }
    this.last = inputs;
    return true;
  }

  /** The next check runs whatever it is asked (the preset was chosen anew). */
  forget(): void {
    this.last = null;
  }
}

/** What a check of the shown client reads: the saved client, the scopes the console loaded, the preset, the form. */
export interface CheckSources {
  readonly saved: Record<string, unknown>;
  readonly defaultScopes: MessageRequest<"overlay.check">["defaultClientScopes"];
  readonly clientScopes: MessageRequest<"overlay.check">["clientScopes"];
  readonly preset: PresetChoice;
  readonly keycloakUrl: string;
  readonly realm: string;
  readonly realmCertificates: MessageRequest<"overlay.check">["realmCertificates"];
}

/**
 * The check request for the client as the form shows it, with the form's values it read; `null` when nothing it reads
 * has changed since the last request and that one was answered (a keystroke in a field no check looks at).
 */
export function nextCheckRequest(detector: ChangeDetector, doc: Document, sources: CheckSources, answered: boolean): { request: MessageRequest<"overlay.check">; values: FormValues } | null {
  const values = readFormValues(doc);
  const changed = detector.changed({ saved: sources.saved, defaultScopes: sources.defaultScopes, clientScopes: sources.clientScopes, preset: sources.preset, values: JSON.stringify([...values]) });
  // Without an answer yet every check runs (the last one may have been dropped for a newer request).
  if (!changed && answered) return null;
  const { saved, defaultScopes, clientScopes, preset, keycloakUrl, realm, realmCertificates } = sources;
  return { request: { client: withFormValues(saved, values), defaultClientScopes: defaultScopes, clientScopes, preset, keycloakUrl, realm, realmCertificates }, values };
}
