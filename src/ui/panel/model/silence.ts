/**
 * Firefox delivers network events to extension panels only once its Network panel has been opened in that toolbox.
 * The symptom is silence: a navigation of the inspected tab, and no request at all within a few seconds. Once any
 * request has arrived, events work for the life of the toolbox and the watch stays quiet.
 */
export interface Timers {
  readonly set: (callback: () => void, ms: number) => unknown;
  readonly clear: (handle: unknown) => void;
}

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class SilenceWatch {
  private heardAny = false;
  private timer: unknown;

  constructor(
    private readonly delayMs: number,
    private readonly onSilence: (silent: boolean) => void,
    private readonly timers: Timers = realTimers,
  ) {}

  /** A request of the inspected tab finished (SAML or not). */
  heard(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    if (!this.heardAny) this.onSilence(false);
    this.heardAny = true;
  }

  navigated(): void {
    if (this.heardAny) return;
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      if (!this.heardAny) this.onSilence(true);
    }, this.delayMs);
  }

  dispose(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }
}
