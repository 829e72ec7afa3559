/**
 * The typed message map between contexts. Every request and every response is checked with zod on arrival, so a
 * message from an older build or another extension can never be taken for a valid one.
 */
// zod/mini keeps the popup, options and content bundles small; the API is the functional form of zod.
import * as z from "zod/mini";
import { browser, type Runtime } from "./browser.js";
import { presetChoiceSchema } from "../core/presets/choice.js";
import { wizardProgressSchema } from "./storage.js";

export const messageMap = {
  ping: {
    request: z.object({}),
    response: z.object({ pong: z.literal(true), version: z.string(), pingCount: z.number(), workerStartedAt: z.string() }),
  },
  "origins.list": {
    request: z.object({}),
    response: z.object({ origins: z.array(z.object({ pattern: z.string(), granted: z.boolean() })) }),
  },
  /** Sent by the popup after the user granted the host permission from a click. */
  "origins.enable": {
    request: z.object({ pattern: z.string() }),
    response: z.object({ enabled: z.boolean(), reason: z.optional(z.string()) }),
  },
  "origins.disable": {
    request: z.object({ pattern: z.string() }),
    response: z.object({ disabled: z.boolean() }),
  },
  /** The standalone recorder; the page asks for the host permissions (from the click) before it starts. */
  "recorder.start": {
    request: z.object({ origins: z.array(z.string()) }),
    response: z.object({ recording: z.boolean(), reason: z.optional(z.string()) }),
  },
  /** The popup's "Set up Sentry SSO": opens the wizard in a console tab at step 1 (or where that tab left it). */
  "wizard.start-in-tab": {
    request: z.object({ tabId: z.number().check(z.int()) }),
    response: z.object({ started: z.boolean(), reason: z.optional(z.string()) }),
  },
  "recorder.stop": { request: z.object({}), response: z.object({ recording: z.boolean() }) },
  "recorder.clear": { request: z.object({}), response: z.object({ cleared: z.boolean() }) },
  "recorder.set-cap": {
    request: z.object({ cap: z.number().check(z.int(), z.minimum(1), z.maximum(10_000)) }),
    response: z.object({ cap: z.number() }),
  },
} as const;

export type MessageType = keyof typeof messageMap;
export type MessageRequest<T extends MessageType> = z.infer<(typeof messageMap)[T]["request"]>;
export type MessageResponse<T extends MessageType> = z.infer<(typeof messageMap)[T]["response"]>;

const envelope = z.object({ type: z.string(), payload: z.unknown() });
const replyEnvelope = z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: z.string() })]);

export async function sendMessage<T extends MessageType>(type: T, payload: MessageRequest<T>): Promise<MessageResponse<T>> {
  const raw: unknown = await browser.runtime.sendMessage({ type, payload });
  const reply = z.parse(replyEnvelope, raw);
  if (!reply.ok) throw new Error(reply.error);
  return z.parse(messageMap[type].response, reply.value) as MessageResponse<T>;
}

export type MessageHandlers = {
  [T in MessageType]: (payload: MessageRequest<T>, sender: Runtime.MessageSender) => Promise<MessageResponse<T>>;
};

/** Only the extension's own pages (popup, options, panel, even when opened as a tab) may call the background. */
function fromExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === "string" && sender.url.startsWith(browser.runtime.getURL(""));
}

function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(messageMap, type);
}

/** Installs the background's handlers. Messages from content scripts or web pages are never answered here. */
export function listen(handlers: MessageHandlers): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
    const message = z.safeParse(envelope, raw);
    if (!message.success || !isMessageType(message.data.type)) return undefined;
    if (!fromExtensionPage(sender)) return undefined;
    return dispatch(message.data.type, message.data.payload, sender, handlers);
  });
}

async function dispatch<T extends MessageType>(type: T, rawPayload: unknown, sender: Runtime.MessageSender, handlers: MessageHandlers) {
  const payload = z.safeParse(messageMap[type].request, rawPayload);
  if (!payload.success) return { ok: false, error: `Invalid ${type} message: ${payload.error.message}` };
  try {
    const handler = handlers[type] as (payload: MessageRequest<T>, sender: Runtime.MessageSender) => Promise<MessageResponse<T>>;
    const value = z.parse(messageMap[type].response, await handler(payload.data as MessageRequest<T>, sender));
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Messages a content script may send: the admin-console overlay asks the background to run the client checker, which
 * needs full zod and would not fit the content script's size budget. Kept apart from `messageMap`, whose handlers
 * answer extension pages only.
 */
const findingShape = z.object({
  id: z.string(),
  severity: z.enum(["error", "warning", "suggestion", "info"]),
  field: z.object({ label: z.string(), tab: z.string(), section: z.optional(z.string()) }),
  attributeKey: z.nullable(z.string()),
  expected: z.unknown(),
  actual: z.unknown(),
  message: z.string(),
  fix: z.string(),
  source: z.string(),
});
const patchShape = z.object({ op: z.enum(["add", "replace", "remove"]), path: z.string(), value: z.optional(z.unknown()) });
const sentrySideShape = z.object({
  metadataUrl: z.string(),
  entityId: z.string(),
  ssoUrl: z.string(),
  attributeMapping: z.array(z.object({ sentryField: z.string(), samlAttributeName: z.string() })),
  notes: z.array(z.string()),
});

export const contentMessageMap = {
  "overlay.check": {
    request: z.object({
      /** The client as the console would save it: the saved representation with the form's unsaved values on top. */
      client: z.record(z.string(), z.unknown()),
      /** Names of the client's default client scopes; `null` until the console has fetched them. */
      defaultClientScopes: z.nullable(z.array(z.string())),
      /** The realm's client scopes with their mappers; `null` until the console has fetched them. */
      clientScopes: z.nullable(z.array(z.unknown())),
      preset: presetChoiceSchema,
      /** Keycloak's base URL and the realm, for the values to type into Sentry. */
      keycloakUrl: z.string(),
      realm: z.string(),
    }),
    response: z.object({
      ok: z.boolean(),
      error: z.optional(z.string()),
      presetName: z.string(),
      outcomes: z.array(z.object({ finding: findingShape, patch: z.array(patchShape) })),
      sentrySide: z.nullable(sentrySideShape),
    }),
  },
  /** The wizard's progress in this tab (the background adds the tab from the sender). */
  "wizard.progress.get": {
    request: z.object({ origin: z.string(), realm: z.string() }),
    response: z.object({ progress: z.nullable(wizardProgressSchema) }),
  },
  /** `null` ends the wizard in this tab. */
  "wizard.progress.set": {
    request: z.object({ origin: z.string(), realm: z.string(), progress: z.nullable(wizardProgressSchema) }),
    response: z.object({ saved: z.boolean() }),
  },
  /**
   * Injects the wizard (wizard.js) into the sender's tab when it has progress for the realm; with `start`, first saves
   * the first step's progress when there is none.
   */
  "wizard.open": {
    request: z.object({ origin: z.string(), realm: z.string(), start: z.boolean() }),
    response: z.object({ opened: z.boolean() }),
  },
  /**
   * Validates what the user typed (errors per field), and for valid input builds the complete client JSON for the
   * console's Import client page and the values to type into Sentry.
   */
  "wizard.prepare": {
    request: z.object({
      preset: presetChoiceSchema,
      /** Sentry's SP metadata, pasted as XML or as its URL; when given, it names Sentry instead of `preset`. */
      spMetadata: z.optional(z.string().check(z.maxLength(1_000_000))),
      keycloakUrl: z.string(),
      realm: z.string(),
    }),
    response: z.object({
      ok: z.boolean(),
      /** Per field: `urlPrefix`, `orgSlug`, `spMetadata`, or `other`. */
      errors: z.array(z.object({ field: z.enum(["urlPrefix", "orgSlug", "spMetadata", "other"]), message: z.string() })),
      warnings: z.array(z.string()),
      presetName: z.string(),
      /** The normalized input (trailing slash removed, slug lower-cased). */
      preset: z.nullable(presetChoiceSchema),
      clientId: z.string(),
      /** Pretty-printed JSON, as a file a user would import. */
      clientJson: z.string(),
      sentrySide: z.nullable(sentrySideShape),
    }),
  },
  /**
   * The wizard's test login: records SAML on Sentry's site and the console's (sites the browser already lets SAML Lens
   * read), then opens `loginUrl` (on one of the two) in a new tab. `since` is when the recording of this login began.
   */
  "wizard.login.start": {
    request: z.object({ consoleOrigin: z.string(), sentryUrl: z.string(), loginUrl: z.string() }),
    response: z.object({ started: z.boolean(), since: z.string(), reason: z.optional(z.string()) }),
  },
  /** The wizard's "Open the SAML recorder" (a content script cannot open extension pages itself). */
  "wizard.recorder.open": { request: z.object({}), response: z.object({ opened: z.boolean() }) },
  /** The first SAML Response the recorder captured since `since`, judged as Sentry's python3-saml would judge it. */
  "recorder.verdict": {
    request: z.object({
      since: z.string(),
      preset: presetChoiceSchema,
      keycloakUrl: z.string(),
      realm: z.string(),
      /** The realm's IdP metadata: the certificates Sentry trusts once the user entered it there. */
      idpMetadata: z.optional(z.string().check(z.maxLength(1_000_000))),
    }),
    response: z.object({
      found: z.boolean(),
      /** Where the response was posted. */
      url: z.optional(z.string()),
      verdict: z.optional(z.enum(["accept", "reject"])),
      /** False when a check could not be made here (e.g. no certificate to verify the signature with). */
      verdictComplete: z.optional(z.boolean()),
      /** What Sentry says when it rejects: the first error's message as the user sees it. */
      receiverMessage: z.optional(z.nullable(z.string())),
      findings: z.array(z.object({ id: z.string(), severity: z.enum(["error", "warning", "info"]), message: z.string(), fix: z.string() })),
      /** Why there is no verdict (nothing recorded, recording stopped, an unreadable preset). */
      problem: z.optional(z.string()),
    }),
  },
} as const;

export type ContentMessageType = keyof typeof contentMessageMap;
export type ContentMessageRequest<T extends ContentMessageType> = z.infer<(typeof contentMessageMap)[T]["request"]>;
export type ContentMessageResponse<T extends ContentMessageType> = z.infer<(typeof contentMessageMap)[T]["response"]>;
export type ContentMessageHandlers = {
  [T in ContentMessageType]: (payload: ContentMessageRequest<T>, sender: Runtime.MessageSender) => Promise<ContentMessageResponse<T>>;
};

export async function sendContentMessage<T extends ContentMessageType>(type: T, payload: ContentMessageRequest<T>): Promise<ContentMessageResponse<T>> {
  const raw: unknown = await browser.runtime.sendMessage({ type, payload });
  const reply = z.parse(replyEnvelope, raw);
  if (!reply.ok) throw new Error(reply.error);
  return z.parse(contentMessageMap[type].response, reply.value) as ContentMessageResponse<T>;
}

function isContentMessageType(type: string): type is ContentMessageType {
  return Object.hasOwn(contentMessageMap, type);
}

/** Installs the handlers for this extension's own content scripts (a sender with a tab); nothing else is answered. */
export function listenToContentScripts(handlers: ContentMessageHandlers): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
    const message = z.safeParse(envelope, raw);
    if (!message.success || !isContentMessageType(message.data.type)) return undefined;
    if (sender.id !== browser.runtime.id || sender.tab === undefined) return undefined;
    return answerContentScript(message.data.type, message.data.payload, sender, handlers);
  });
}

function answerContentScript<T extends ContentMessageType>(type: T, rawPayload: unknown, sender: Runtime.MessageSender, handlers: ContentMessageHandlers) {
  const payload = z.safeParse(contentMessageMap[type].request, rawPayload);
  if (!payload.success) return Promise.resolve({ ok: false, error: `Invalid ${type} message: ${payload.error.message}` });
  const handler = handlers[type] as (payload: ContentMessageRequest<T>, sender: Runtime.MessageSender) => Promise<ContentMessageResponse<T>>;
  return handler(payload.data as ContentMessageRequest<T>, sender).then(
    (value) => ({ ok: true, value: z.parse(contentMessageMap[type].response, value) }),
    (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
}
