/** Waiting for the console: a pause, and a probe asked until it answers or time runs out. */
export const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitFor<T>(probe: () => T | null, timeoutMs = 1500): Promise<T | null> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== null) return found;
    if (performance.now() > deadline) return null;
    await wait(40);
  }
}
