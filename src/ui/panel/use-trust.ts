/** Components read the trusted IdP certificates from the store the app provides, not through their parents' props. */
import { createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import type { IdpTrust } from "./model/profile.js";
import type { TrustStore } from "./model/trust-store.js";

export const TrustContext = createContext<TrustStore | undefined>(undefined);

export function useTrustStore(): TrustStore {
  const store = useContext(TrustContext);
  if (store === undefined) throw new Error("useTrustStore needs a TrustContext.Provider above it");
  return store;
}

/** Every trusted IdP, re-rendering the caller when the store changes. */
export function useTrustedIdps(store: TrustStore): ReadonlyMap<string, IdpTrust> {
  const [trusted, setTrusted] = useState(store.all);
  useEffect(() => {
    // The store may have changed between this render and the subscription.
    setTrusted(store.all);
    return store.subscribe(() => setTrusted(store.all));
  }, [store]);
  return trusted;
}

/** The certificates trusted for one IdP, from the store in context. */
export function useTrustFor(issuer: string | undefined): IdpTrust | undefined {
  const trusted = useTrustedIdps(useTrustStore());
  return issuer === undefined ? undefined : trusted.get(issuer);
}
