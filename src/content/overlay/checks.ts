/**
 * The overlay's checks of one client: queued after a pause in typing, asked of the background only when what they read
 * has changed, and the newest one's answer kept (an older answer arriving late is dropped).
 */
import { sendMessage } from "../../platform/overlay-messages.js";
import type { CheckResponse } from "../findings.js";
import type { FormValues } from "../form-state.js";
import { ChangeDetector, nextCheckRequest, type CheckSources } from "./change-detector.js";
import { timed } from "./busy.js";

export interface ClientChecksHooks {
  /** What a check reads now, or null when there is nothing to check (the client not loaded, not SAML, no preset). */
  readonly sources: () => CheckSources | null;
  /** Nothing to check, or a newer answer arrived: show what there is. */
  readonly show: () => void;
  /** A check was queued, or one ended without anything new to show: the card's `data-settled` may change. */
  readonly busyChanged: () => void;
  /** The newest check's answer, before it is shown. */
  readonly answered: (response: CheckResponse) => void;
}

export class ClientChecks {
  /** The newest check's answer. */
  response: CheckResponse | null = null;
  /** The form's values the newest check read. */
  values: FormValues = new Map();
  /** Counts the checks asked; the summary redraws its findings when it changes. */
  requestId = 0;
  private queued = false;
  /** Checks sent and not yet answered. */
  private running = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly inputs = new ChangeDetector();

  constructor(
    private readonly doc: Document,
    private readonly hooks: ClientChecksHooks,
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener("abort", () => clearTimeout(this.timer));
  }

  /** A check queued or under way. */
  get busy(): boolean {
    return this.queued || this.running > 0;
  }

  /** Checks again after `delay` ms (a newer call replaces a queued one). */
  queue(delay: number): void {
    clearTimeout(this.timer);
    this.queued = true;
    this.hooks.busyChanged();
    this.timer = setTimeout(() => void this.run(), delay);
  }

  /** The next check runs whatever it is asked (the preset or the realm's certificates changed). */
  forget(): void {
    this.inputs.forget();
  }

  private async run(): Promise<void> {
    this.queued = false;
    if (this.signal.aborted) return;
    const sources = this.hooks.sources();
    if (sources === null) {
      this.hooks.show();
      return;
    }
    const next = timed(() => nextCheckRequest(this.inputs, this.doc, sources, this.response !== null))();
    // Nothing the check reads has changed (a keystroke in a field no check looks at): nothing to show anew either; the
    // console's own re-render, if any, queues a render through the mutation observer.
    if (next === null) {
      this.hooks.busyChanged();
      return;
    }
    this.values = next.values;
    const id = (this.requestId += 1);
    let response: CheckResponse;
    this.running += 1;
    try {
      response = await sendMessage("overlay.check", next.request);
    } catch (error) {
      response = { ok: false, error: `SAML Lens could not check this client: ${error instanceof Error ? error.message : String(error)}`, presetName: "", outcomes: [], sentrySide: null };
    } finally {
      this.running -= 1;
    }
    if (this.signal.aborted) return;
    if (id !== this.requestId) {
      this.hooks.busyChanged();
      return;
    }
    this.response = response;
    this.hooks.answered(response);
    this.hooks.show();
  }
}
