/**
 * The standalone recorder's records as storage.session holds them: one key per record, `recorder:<n>` numbered in
 * capture order (src/platform/recorder-store.ts). Runs inside an extension page (pass it to `evaluate`), Chromium or
 * Firefox; self-contained, as `evaluate` sends only its source.
 */
export async function storedRecords(): Promise<unknown[]> {
  const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
  const stored = await api.storage.session.get(null);
  return Object.entries(stored)
    .filter(([key]) => /^recorder:\d+$/.test(key))
    .sort(([a], [b]) => Number(a.slice("recorder:".length)) - Number(b.slice("recorder:".length)))
    .map(([, record]) => record);
}
