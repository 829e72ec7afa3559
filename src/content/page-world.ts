/**
 * The only code SAML Lens runs in the page's own JavaScript world (a MAIN-world content script, document_start). The
 * console's admin token is not available to extensions, so the overlay learns the saved client by reading the
 * console's own admin REST responses, read-only: it wraps `fetch`, clones the response of a handful of GET/PUT calls
 * and hands the JSON to the isolated content script over a private MessageChannel. It defines no global, changes no
 * request or response, and on any page that is not the admin console it does nothing at all.
 *
 * Kept tiny on purpose: it is part of the console page, not of the extension. Its one import, the console-path test
 * of core, is bundled in; nothing else of the extension is.
 */
import { isConsolePath } from "../core/keycloak/console-routes.js";

(() => {
  if (!isConsolePath(location.pathname)) return;

  type Kind = "client" | "saved" | "default-scopes" | "scopes" | "clients" | "mapper-saved";
  interface Observed {
    kind: Kind;
    realm: string;
    clientUuid: string | null;
    body: unknown;
  }

  /** The calls worth observing; everything else passes through untouched. */
  const CLIENT = /\/admin\/realms\/([^/]+)\/clients\/([0-9a-fA-F-]{36})(\/default-client-scopes)?\/?$/;
  const SCOPES = /\/admin\/realms\/([^/]+)\/client-scopes\/?$/;
  /** The realm's Clients list (and the console's other client searches: their answers are clients too). */
  const CLIENTS = /\/admin\/realms\/([^/]+)\/clients\/?$/;
  /** A mapper of the client's dedicated scope, saved (PUT …/models/<id>) or added (POST …/models) by its form. */
  const MAPPER = /\/admin\/realms\/([^/]+)\/clients\/([0-9a-fA-F-]{36})\/protocol-mappers\/models(?:\/([^/]+))?\/?$/;
  const ARM = "saml-lens/arm";

  const originalFetch = window.fetch;
  // The page's scripts run after this one and may replace any built-in the bridge uses later to read the arm message
  // or to post on its port (to learn the token, or to get the port): the bridge uses the originals, taken now.
  const apply = Reflect.apply;
  const postOnPort = MessagePort.prototype.postMessage;
  const stopNow = Event.prototype.stopImmediatePropagation;
  const eventGetter = (name: "data" | "ports" | "source") => Object.getOwnPropertyDescriptor(MessageEvent.prototype, name)?.get ?? (() => undefined);
  const eventData = eventGetter("data");
  const eventPorts = eventGetter("ports");
  const eventSource = eventGetter("source");
  let port: MessagePort | null = null;
  let token = "";
  /** Until the content script connects (it starts at document_idle), keep the latest answer of each kind. */
  const pending = new Map<string, Observed>();

  let listed = 0;

  function emit(observed: Observed): void {
    if (port === null) {
      // Each client list holds other clients (a page, a search), so every one is kept, up to a bound.
      pending.set(`${observed.kind} ${observed.clientUuid ?? ""} ${observed.kind === "clients" ? (listed += 1) : ""}`, observed);
      if (pending.size > 32) pending.delete(pending.keys().next().value ?? "");
      return;
    }
    apply(postOnPort, port, [{ token, ...observed }]);
  }

  function classify(url: string, method: string): Omit<Observed, "body"> | null {
    let path: string;
    try {
      path = new URL(url, location.href).pathname;
    } catch {
      return null;
    }
    const mapper = MAPPER.exec(path);
    if (mapper !== null) {
      const saved = (method === "PUT" && mapper[3] !== undefined) || (method === "POST" && mapper[3] === undefined);
      return saved ? { kind: "mapper-saved", realm: decodeURIComponent(mapper[1] ?? ""), clientUuid: (mapper[2] ?? "").toLowerCase() } : null;
    }
    const client = CLIENT.exec(path);
    if (client !== null) {
      const realm = decodeURIComponent(client[1] ?? "");
      const clientUuid = (client[2] ?? "").toLowerCase();
      if (client[3] !== undefined) return method === "GET" ? { kind: "default-scopes", realm, clientUuid } : null;
      if (method === "GET") return { kind: "client", realm, clientUuid };
      if (method === "PUT") return { kind: "saved", realm, clientUuid };
      return null;
    }
    if (method !== "GET") return null;
    const scopes = SCOPES.exec(path);
    if (scopes !== null) return { kind: "scopes", realm: decodeURIComponent(scopes[1] ?? ""), clientUuid: null };
    const clients = CLIENTS.exec(path);
    if (clients !== null) return { kind: "clients", realm: decodeURIComponent(clients[1] ?? ""), clientUuid: null };
    return null;
  }

  /** What the console sent, parsed; `undefined` when it was not JSON (observing must never throw in the page). */
  function parsedBody(sent: string | null): unknown {
    if (sent === null) return undefined;
    try {
      return JSON.parse(sent) as unknown;
    } catch {
      return undefined;
    }
  }

  function requestUrl(input: RequestInfo | URL): string {
    if (typeof input === "string") return input;
    if (input instanceof URL) return input.href;
    return input.url;
  }

  window.fetch = function fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const response = originalFetch.call(this, input, init);
    try {
      const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
      const call = classify(requestUrl(input), method);
      if (call === null) return response;
      // The console sends the whole representation as a JSON string; what it sent is what was saved once it succeeds.
      const sent = (call.kind === "saved" || call.kind === "mapper-saved") && typeof init?.body === "string" ? init.body : null;
      response.then(
        (answer) => {
          if (!answer.ok) return;
          if (call.kind === "saved") {
            const body = parsedBody(sent);
            if (body !== undefined) emit({ ...call, body });
            return;
          }
          if (call.kind === "mapper-saved") {
            // A new mapper's id is the last segment of the answer's Location.
            const id = answer.headers.get("Location")?.split("/").pop();
            const body = parsedBody(sent);
            if (typeof body === "object" && body !== null) emit({ ...call, body: { ...body, ...(id === undefined ? {} : { id }) } });
            return;
          }
          answer
            .clone()
            .json()
            .then((body: unknown) => emit({ ...call, body }))
            .catch(() => undefined);
        },
        () => undefined,
      );
    } catch {
      // Never let observing break the console.
    }
    return response;
  };

  // At document_start only the URL can tell a console; once the document is parsed, its environment script can. A page
  // under a console-like path that is not the console gets the browser's own fetch back (unless someone wrapped ours).
  const wrapper = window.fetch;
  document.addEventListener(
    "DOMContentLoaded",
    () => {
      if (document.querySelector('script#environment[type="application/json"]') === null && window.fetch === wrapper) window.fetch = originalFetch;
    },
    { once: true },
  );

  // Registered before any script of the page, in the capture phase, and never removed: the arm message (token and
  // port) stops here, so no listener of the page ever sees it — window messages reach every listener of the window.
  window.addEventListener(
    "message",
    (event: MessageEvent) => {
      const data: unknown = apply(eventData, event, []);
      if (typeof data !== "object" || data === null || (data as { type?: unknown }).type !== ARM) return;
      apply(stopNow, event, []);
      if (apply(eventSource, event, []) !== window || port !== null) return;
      const offered = (data as { token?: unknown }).token;
      const channel = (apply(eventPorts, event, []) as readonly MessagePort[] | undefined)?.[0];
      if (typeof offered !== "string" || offered.length < 32 || channel === undefined) return;
      connect(channel, offered);
    },
    true,
  );

  function connect(channel: MessagePort, offered: string): void {
    port = channel;
    token = offered;
    for (const observed of pending.values()) apply(postOnPort, channel, [{ token, ...observed }]);
    pending.clear();
  }
})();
