/**
 * Timing a subject against its baseline on a machine whose speed drifts (shared CPUs, frequency changes): the steps
 * run in short rounds, one after the other, the order reversed every other round, and each ratio is taken within a
 * round, so both sides of it saw the same machine. The figure reported is the median over rounds. Runs in Node and in
 * a browser page alike.
 */

export type Step = () => unknown;

export interface Rounds<K extends string> {
  /** Mean time of one call, per round, in milliseconds. */
  readonly times: Readonly<Record<K, readonly number[]>>;
}

export async function measureInterleaved<K extends string>(
  steps: Readonly<Record<K, Step>>,
  options: { readonly rounds: number; readonly callsPerRound: number; readonly warmupCalls: number },
): Promise<Rounds<K>> {
  const names = Object.keys(steps) as K[];
  for (let i = 0; i < options.warmupCalls; i++) for (const name of names) await steps[name]();
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const step = steps[name];
      const started = performance.now();
      for (let i = 0; i < options.callsPerRound; i++) await step();
      times[name].push((performance.now() - started) / options.callsPerRound);
    }
  }
  return { times };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The median over rounds of `subject / baseline`, each pair measured in the same round. */
export function medianRatio(subject: readonly number[], baseline: readonly number[]): number {
  return median(subject.map((time, round) => time / (baseline[round] ?? Number.NaN)));
}
