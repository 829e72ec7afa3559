/**
 * Records every network request of every browser target over CDP (a browser-level `Target.setAutoAttach` with
 * `flatten`, `Network.enable` on each target before it runs, the service worker included) and says whose request it
 * was: the extension's (its service worker, its pages, its content script, its page-world script) or the page's own.
 *
 * Content-script requests appear on the page's target, so the owner comes from the initiator's stack: each frame's
 * script is resolved to the world it was compiled in (`Debugger.scriptParsed` → `Runtime.executionContextCreated`),
 * which names the extension for its isolated world even when the script has no URL. The page-world observer wraps the
 * console's `fetch`, so the console's own calls carry one page-world frame on top of the console's frames: that
 * pass-through wrapper is skipped, and the frame below it decides.
 */
import type { Browser, CDPSession } from "puppeteer-core";

/** `browser` is Chromium's own UI (chrome:// targets), which is neither the extension's nor the page's. */
export type Owner = "service worker" | "extension page" | "content script" | "page world" | "page" | "browser" | "test driver" | "unattributed";

export interface ObservedRequest {
  readonly owner: Owner;
  readonly url: string;
  readonly method: string;
  /** The document the request belongs to (empty for workers). */
  readonly documentUrl: string;
  readonly targetType: string;
  /** The initiator's frames, innermost first, as `function@url`. */
  readonly stack: readonly string[];
  /** True when a page-world frame stood on top of the frame that decided the owner. */
  readonly throughPageWorld: boolean;
}

const EXTENSION_OWNERS: ReadonlySet<Owner> = new Set(["service worker", "extension page", "content script", "page world", "unattributed"]);
const NETWORK_SCHEMES = new Set(["http:", "https:", "ws:", "wss:", "ftp:"]);

export function isNetwork(url: string): boolean {
  try {
    return NETWORK_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

interface CallFrame {
  functionName: string;
  scriptId: string;
  url: string;
}
interface StackTrace {
  callFrames: CallFrame[];
  parent?: StackTrace;
}
interface RequestWillBeSent {
  request: { url: string; method: string };
  documentURL: string;
  initiator: { type: string; stack?: StackTrace; url?: string };
}
interface AttachedToTarget {
  sessionId: string;
  targetInfo: { type: string; url: string };
}

type FrameKind = "page world" | "content script" | "page" | "test driver" | "unknown";

export class NetworkAudit {
  readonly requests: ObservedRequest[] = [];
  private readonly sessions: CDPSession[] = [];
  private readonly extensionOrigin: string;

  private constructor(
    private readonly browserSession: CDPSession,
    extensionId: string,
  ) {
    this.extensionOrigin = `chrome-extension://${extensionId}`;
  }

  /** Attaches to every existing and future target; targets wait for the debugger until the network is observed. */
  static async start(browser: Browser, extensionId: string): Promise<NetworkAudit> {
    const session = await browser.target().createCDPSession();
    const audit = new NetworkAudit(session, extensionId);
    audit.watch(session);
    await session.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
    return audit;
  }

  /** Network requests (http, https, ws) made by the extension's contexts, or by code no one can be named for. */
  extensionRequests(): ObservedRequest[] {
    return this.requests.filter((request) => isNetwork(request.url) && EXTENSION_OWNERS.has(request.owner));
  }

  async stop(): Promise<void> {
    await this.browserSession.detach().catch(() => undefined);
  }

  private watch(parent: CDPSession): void {
    parent.on("Target.attachedToTarget", (event: AttachedToTarget) => void this.attach(parent, event));
  }

  private async attach(parent: CDPSession, event: AttachedToTarget): Promise<void> {
    const child = parent.connection()?.session(event.sessionId);
    if (child === null || child === undefined) return;
    this.sessions.push(child);
    const { type, url } = event.targetInfo;
    const contexts = new Map<number, { origin: string; isDefault: boolean }>();
    const scripts = new Map<string, { url: string; origin: string; isDefault: boolean }>();
    child.on("Runtime.executionContextCreated", (created: { context: { id: number; origin: string; auxData?: { isDefault?: boolean } } }) => {
      contexts.set(created.context.id, { origin: created.context.origin, isDefault: created.context.auxData?.isDefault !== false });
    });
    child.on("Debugger.scriptParsed", (parsed: { scriptId: string; url: string; executionContextId: number }) => {
      const context = contexts.get(parsed.executionContextId);
      scripts.set(parsed.scriptId, { url: parsed.url, origin: context?.origin ?? "", isDefault: context?.isDefault ?? true });
    });
    child.on("Network.requestWillBeSent", (sent: RequestWillBeSent) => {
      this.requests.push(this.classify(type, url, sent, (scriptId) => scripts.get(scriptId)));
    });
    const ignore = () => undefined;
    await child.send("Network.enable").catch(ignore);
    if (type === "page" || type === "iframe") {
      await child.send("Runtime.enable").catch(ignore);
      await child.send("Debugger.enable").catch(ignore);
      // Observing must never stop the page at a `debugger` statement.
      await child.send("Debugger.setSkipAllPauses", { skip: true }).catch(ignore);
    }
    this.watch(child);
    await child.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }).catch(ignore);
    await child.send("Runtime.runIfWaitingForDebugger").catch(ignore);
  }

  private classify(
    targetType: string,
    targetUrl: string,
    sent: RequestWillBeSent,
    script: (scriptId: string) => { url: string; origin: string; isDefault: boolean } | undefined,
  ): ObservedRequest {
    const frames: CallFrame[] = [];
    for (let stack: StackTrace | undefined = sent.initiator.stack; stack !== undefined; stack = stack.parent) frames.push(...stack.callFrames);
    const kinds = frames.map((frame) => this.frameKind(frame, script(frame.scriptId)));
    let owner: Owner;
    let throughPageWorld = false;
    if (targetType !== "page" && targetType !== "iframe" && targetUrl.startsWith(this.extensionOrigin)) owner = "service worker";
    else if (targetType === "browser_ui" || targetUrl.startsWith("chrome://") || sent.documentURL.startsWith("chrome://")) owner = "browser";
    else if (sent.documentURL.startsWith(`${this.extensionOrigin}/`)) owner = "extension page";
    else {
      // Skip the page-world wrapper of `fetch` on top of the stack: the caller below it made the request.
      let first = 0;
      while (kinds[first] === "page world" && frames[first]?.functionName === "fetch" && kinds[first + 1] !== undefined && kinds[first + 1] !== "page world") first++;
      throughPageWorld = first > 0;
      const decisive = kinds[first];
      owner =
        decisive === undefined
          ? "page"
          : decisive === "page"
            ? "page"
            : decisive === "test driver"
              ? "test driver"
              : decisive === "page world"
                ? "page world"
                : decisive === "unknown"
                  ? "unattributed"
                  : "content script";
    }
    return {
      owner,
      url: sent.request.url,
      method: sent.request.method,
      documentUrl: sent.documentURL,
      targetType,
      stack: frames.map((frame) => `${frame.functionName || "(anonymous)"}@${frame.url || "(no url)"}`),
      throughPageWorld,
    };
  }

  private frameKind(frame: CallFrame, script: { url: string; origin: string; isDefault: boolean } | undefined): FrameKind {
    const url = frame.url || script?.url || "";
    if (url.startsWith(`${this.extensionOrigin}/page-world.js`)) return "page world";
    if (url.startsWith(`${this.extensionOrigin}/`)) return "content script";
    if (script !== undefined && !script.isDefault && script.origin.startsWith(this.extensionOrigin)) return "content script";
    if (url.startsWith("pptr:")) return "test driver";
    if (/^https?:/.test(url)) return "page";
    return "unknown";
  }
}

/** One line per request, for the test's printed list and for failure messages. */
export function describeRequest(request: ObservedRequest): string {
  return `${request.owner.padEnd(14)} ${request.method.padEnd(4)} ${request.url}${request.throughPageWorld ? "  (through the page-world fetch wrapper)" : ""}`;
}
