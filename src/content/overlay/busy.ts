/**
 * Main-thread time the overlay spends, summed over the page's life, so `npm run bench` can compare it with the
 * console's own work. Read from the summary card's `data-busy-ms`; costs one performance.now() pair per callback.
 */
let busyMs = 0;

export function timed<A extends unknown[], R>(work: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    const start = performance.now();
    try {
      return work(...args);
    } finally {
      busyMs += performance.now() - start;
    }
  };
}

export function totalBusyMs(): number {
  return busyMs;
}
