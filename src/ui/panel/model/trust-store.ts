/**
 * The IdP certificates the user trusts for signature checks, by IdP entity ID: one store that the Signature tab
 * changes, the recording reads, and the host's storage keeps.
 */
import { fetchTrust, type FetchText } from "./metadata-url.js";
import { readTrust, type IdpTrust, type TrustResult } from "./profile.js";

/** How the host's storage keeps the trusted certificates: the text as given, so it is read again on load. */
export type StoredTrust = Readonly<Record<string, { readonly text: string; readonly savedAt: string; readonly url?: string }>>;

export interface TrustStoreOptions {
  readonly save: (stored: StoredTrust) => Promise<void>;
  /** Absent where the page cannot fetch (no extension host): then metadata can only be pasted. */
  readonly fetchText?: FetchText | undefined;
  readonly now?: () => Date;
}

export class TrustStore {
  private trusted: ReadonlyMap<string, IdpTrust> = new Map();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: TrustStoreOptions) {}

  /** Every trusted IdP; a new map after each change, so it can be compared by identity. */
  get all(): ReadonlyMap<string, IdpTrust> {
    return this.trusted;
  }

  get canFetch(): boolean {
    return this.options.fetchText !== undefined;
  }

  trustFor(issuer: string | undefined): IdpTrust | undefined {
    return issuer === undefined ? undefined : this.trusted.get(issuer);
  }

  /** Calls `listener` after every change until the returned function is called. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Replaces everything with what storage held; entries that no longer read as certificates are dropped. Not saved back. */
  load(stored: StoredTrust): void {
    const loaded = new Map<string, IdpTrust>();
    for (const [entityId, { text, url }] of Object.entries(stored)) {
      const read = readTrust(text, entityId);
      if (read.ok) loaded.set(entityId, { ...read.trust, entityId, ...(url === undefined ? {} : { url }) });
    }
    this.replace(loaded);
  }

  /** Trusts pasted metadata or PEM (for `issuer` when it names no IdP itself); resolves to an error message, or null once saved. */
  paste(text: string, issuer: string | undefined): Promise<string | null> {
    return this.remember(readTrust(text, issuer));
  }

  /**
   * Trusts the metadata at `url`; resolves like `paste`. Calls the host's fetch before any await, so a permission
   * request still counts as the user's gesture.
   */
  fetch(url: string, issuer: string | undefined): Promise<string | null> {
    const fetchText = this.options.fetchText;
    if (fetchText === undefined) return Promise.resolve("This page cannot fetch metadata; paste it instead.");
    // A fetch resolves later: remember() adds to the certificates as they are then, not as they were at the click.
    return fetchTrust(url, issuer, fetchText).then((read) => this.remember(read));
  }

  forget(entityId: string): void {
    const next = new Map(this.trusted);
    next.delete(entityId);
    this.replace(next);
    void this.options.save(this.stored());
  }

  private async remember(read: TrustResult): Promise<string | null> {
    if (!read.ok) return read.message;
    const next = new Map(this.trusted);
    next.set(read.trust.entityId, read.trust);
    this.replace(next);
    await this.options.save(this.stored());
    return null;
  }

  private replace(next: ReadonlyMap<string, IdpTrust>): void {
    this.trusted = next;
    for (const listener of [...this.listeners]) listener();
  }

  private stored(): StoredTrust {
    const savedAt = (this.options.now?.() ?? new Date()).toISOString();
    return Object.fromEntries([...this.trusted].map(([entityId, entry]) => [entityId, { text: entry.text, savedAt, ...(entry.url === undefined ? {} : { url: entry.url }) }]));
  }
}
