/**
 * Whether a check would be asked anything new. The saved client, the scopes and the preset are compared by identity
 * (the page bridge replaces them when the console fetches again); only the form's values are compared by content.
 * Serializing the whole request to compare it cost more than everything else the overlay does on a route change.
 */
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
