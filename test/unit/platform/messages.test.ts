/**
 * The message layer between contexts, through its public entry points: `listen` installs the background's handlers,
 * `sendMessage` is what pages and content scripts call. The extension runtime cannot run in vitest, so
 * webextension-polyfill is replaced by a stand-in that routes `runtime.sendMessage` to the installed listener, as the
 * browser does, with a sender we choose.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Runtime } from "webextension-polyfill";
import type { MessageHandlers, MessageResponse } from "../../../src/platform/messages.js";

type Listener = (message: unknown, sender: Runtime.MessageSender) => Promise<unknown> | undefined;

const runtime = vi.hoisted(() => {
  const state = {
    listeners: [] as Listener[],
    sender: {} as Runtime.MessageSender,
  };
  return {
    state,
    fake: {
      id: "saml-lens",
      getURL: (path: string) => `chrome-extension://saml-lens/${path}`,
      onMessage: { addListener: (listener: Listener) => void state.listeners.push(listener) },
      // The browser answers with the first listener's promise; no listener answering resolves to undefined.
      sendMessage: async (message: unknown) => {
        for (const listener of state.listeners) {
          const reply = listener(message, state.sender);
          if (reply !== undefined) return reply;
        }
        return undefined;
      },
    },
  };
});
vi.mock("webextension-polyfill", () => ({ default: { runtime: runtime.fake } }));

const { listen, sendMessage } = await import("../../../src/platform/messages.js");

const PAGE: Runtime.MessageSender = { id: "saml-lens", url: "chrome-extension://saml-lens/popup.html" };
const CONTENT_SCRIPT: Runtime.MessageSender = { id: "saml-lens", url: "https://kc.example.com/admin/master/console/", tab: { index: 0, highlighted: false, active: true, pinned: false, incognito: false, id: 7 } };
const WEB_PAGE: Runtime.MessageSender = { id: "other-extension", url: "https://evil.example.com/" };

const unused = () => Promise.reject(new Error("not used in this test"));

function handlers(overrides: Partial<MessageHandlers>): MessageHandlers {
  return {
    ping: unused,
    "origins.list": unused,
    "origins.enable": unused,
    "origins.disable": unused,
    "recorder.start": unused,
    "wizard.start-in-tab": unused,
    "recorder.stop": unused,
    "recorder.clear": unused,
    "recorder.set-cap": unused,
    "overlay.check": unused,
    "wizard.progress.get": unused,
    "wizard.progress.set": unused,
    "wizard.open": unused,
    "wizard.prepare": unused,
    "wizard.login.start": unused,
    "wizard.login.stop": unused,
    "wizard.recorder.open": unused,
    "recorder.verdict": unused,
    ...overrides,
  };
}

function deliver(message: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined {
  const [listener] = runtime.state.listeners;
  if (listener === undefined) throw new Error("nothing listens");
  return listener(message, sender);
}

beforeEach(() => {
  runtime.state.listeners.length = 0;
  runtime.state.sender = PAGE;
});

describe("the message layer", () => {
  it("dispatches a good message to its handler, with the parsed payload and the sender, and replies with the result", async () => {
    const setCap = vi.fn(async ({ cap }: { cap: number }) => ({ cap }));
    listen(handlers({ "recorder.set-cap": setCap }));
    expect(await sendMessage("recorder.set-cap", { cap: 500 })).toEqual({ cap: 500 });
    expect(setCap).toHaveBeenCalledWith({ cap: 500 }, PAGE);
  });

  it("refuses a malformed message with a clear error, and never calls the handler", async () => {
    const setCap = vi.fn(async ({ cap }: { cap: number }) => ({ cap }));
    listen(handlers({ "recorder.set-cap": setCap }));
    const reply = await deliver({ type: "recorder.set-cap", payload: { cap: "lots" } }, PAGE);
    expect(reply).toEqual({ ok: false, error: expect.stringMatching(/^Invalid recorder\.set-cap message: .*cap/s) });
    await expect(deliver({ type: "recorder.set-cap", payload: { cap: 0 } }, PAGE)).resolves.toMatchObject({ ok: false });
    expect(setCap).not.toHaveBeenCalled();
    // Through sendMessage, the refusal is the promise's error.
    runtime.state.sender = PAGE;
    await expect(sendMessage("recorder.set-cap", { cap: 1.5 })).rejects.toThrow(/^Invalid recorder\.set-cap message/);
  });

  it("leaves alone what is not a message of ours", () => {
    listen(handlers({}));
    expect(deliver({ type: "no.such-message", payload: {} }, PAGE)).toBeUndefined();
    expect(deliver("ping", PAGE)).toBeUndefined();
    expect(deliver({ payload: {} }, PAGE)).toBeUndefined();
  });

  it("answers each message only from the senders that may send it", async () => {
    const progress = vi.fn(async () => ({ progress: null }));
    const list = vi.fn(async () => ({ origins: [] }));
    listen(handlers({ "wizard.progress.get": progress, "origins.list": list }));
    const get = { type: "wizard.progress.get", payload: { origin: "https://kc.example.com", realm: "acme" } };
    expect(await deliver(get, CONTENT_SCRIPT)).toEqual({ ok: true, value: { progress: null } });
    expect(deliver(get, PAGE)).toBeUndefined();
    expect(deliver(get, { ...CONTENT_SCRIPT, id: "other-extension" })).toBeUndefined();
    const origins = { type: "origins.list", payload: {} };
    expect(await deliver(origins, PAGE)).toEqual({ ok: true, value: { origins: [] } });
    expect(deliver(origins, CONTENT_SCRIPT)).toBeUndefined();
    expect(deliver(origins, WEB_PAGE)).toBeUndefined();
    expect(progress).toHaveBeenCalledTimes(1);
    expect(list).toHaveBeenCalledTimes(1);
  });

  it("checks the handler's answer too, and passes on a handler's failure as the sender's error", async () => {
    listen(
      handlers({
        // A handler that breaks its contract (as an older build might): the reply is refused, not passed on.
        "recorder.stop": async () => JSON.parse('{"recording":"no"}') as { recording: boolean },
        "recorder.clear": async () => {
          throw new Error("storage is full");
        },
      }),
    );
    await expect(sendMessage("recorder.stop", {})).rejects.toThrow(/recording/);
    await expect(sendMessage("recorder.clear", {})).rejects.toThrow("storage is full");
  });

  it("checks a reply against the core's own schemas (a client finding must have a known id)", async () => {
    runtime.state.sender = CONTENT_SCRIPT;
    const finding = {
      id: "client.protocol",
      severity: "error",
      field: { label: "Client type", tab: "Settings" },
      attributeKey: "protocol",
      expected: "saml",
      actual: "openid-connect",
      message: "Sentry speaks SAML 2.0.",
      fix: "Create a SAML client.",
      source: "https://www.keycloak.org/docs/latest/server_admin/#_client-saml-configuration",
    } as const;
    const response = { ok: true, presetName: "sentry.io", outcomes: [{ finding, patch: [{ op: "remove", path: "/x" }] }], sentrySide: null };
    // What the background's checker answers, as raw JSON: a newer or broken build may answer anything.
    let answer: unknown = response;
    listen(handlers({ "overlay.check": async () => JSON.parse(JSON.stringify(answer)) as MessageResponse<"overlay.check"> }));
    const request = { client: {}, defaultClientScopes: null, clientScopes: null, preset: { kind: "sentry-saas", orgSlug: "acme" }, keycloakUrl: "https://kc.example.com", realm: "acme" } as const;
    expect(await sendMessage("overlay.check", request)).toEqual(response);
    answer = { ...response, outcomes: [{ finding: { ...finding, id: "client.no-such-check" }, patch: [] }] };
    await expect(sendMessage("overlay.check", request)).rejects.toThrow(/id/);
  });
});
