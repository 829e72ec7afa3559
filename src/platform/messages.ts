/**
 * The typed message map between contexts: for every message, who may send it, its request and its response. Both are
 * checked with zod on arrival, so a message from an older build or another extension can never be taken for a valid one.
 */
// zod/mini keeps the popup, options and content bundles small; the API is the functional form of zod.
import * as z from "zod/mini";
import { presetChoiceSchema } from "../core/presets/choice.js";
import { sentrySideValuesSchema } from "../core/presets/sentry-side.js";
import { findingSchema } from "../core/rules/rule.js";
import { browser, type Runtime } from "./browser.js";
import { wizardProgressSchema } from "./storage.js";
import { overlayMessages, type Sender } from "./overlay-messages.js";
import { sendWith, type Reply } from "./send.js";


/** A rule's finding, by field: the wizard shows a few of them (z.pick would add a kilobyte to content.js). */
const ruleFinding = findingSchema.shape;

const messageMap = {
  ...overlayMessages,
  ping: {
    from: "extension-page",
    request: z.object({}),
    response: z.object({ pong: z.literal(true), version: z.string(), pingCount: z.number(), workerStartedAt: z.string() }),
  },
  "origins.list": {
    from: "extension-page",
    request: z.object({}),
    response: z.object({ origins: z.array(z.object({ pattern: z.string(), granted: z.boolean() })) }),
  },
  /** Sent by the popup after the user granted the host permission from a click. */
  "origins.enable": {
    from: "extension-page",
    request: z.object({ pattern: z.string() }),
    response: z.object({ enabled: z.boolean(), reason: z.optional(z.string()) }),
  },
  "origins.disable": {
    from: "extension-page",
    request: z.object({ pattern: z.string() }),
    response: z.object({ disabled: z.boolean() }),
  },
  /** The standalone recorder; the page asks for the host permissions (from the click) before it starts. */
  "recorder.start": {
    from: "extension-page",
    request: z.object({ origins: z.array(z.string()) }),
    response: z.object({ recording: z.boolean(), reason: z.optional(z.string()) }),
  },
  /** The popup's "Set up Sentry SSO": opens the wizard in a console tab at step 1 (or where that tab left it). */
  "wizard.start-in-tab": {
    from: "extension-page",
    request: z.object({ tabId: z.number().check(z.int()) }),
    response: z.object({ started: z.boolean(), reason: z.optional(z.string()) }),
  },
  "recorder.stop": { from: "extension-page", request: z.object({}), response: z.object({ recording: z.boolean() }) },
  "recorder.clear": { from: "extension-page", request: z.object({}), response: z.object({ cleared: z.boolean() }) },
  "recorder.set-cap": {
    from: "extension-page",
    request: z.object({ cap: z.number().check(z.int(), z.minimum(1), z.maximum(10_000)) }),
    response: z.object({ cap: z.number() }),
  },
  /** The wizard's progress in this tab (the background adds the tab from the sender). */
  "wizard.progress.get": {
    from: "content-script",
    request: z.object({ origin: z.string(), realm: z.string() }),
    response: z.object({ progress: z.nullable(wizardProgressSchema) }),
  },
  /** `null` ends the wizard in this tab. */
  "wizard.progress.set": {
    from: "content-script",
    request: z.object({ origin: z.string(), realm: z.string(), progress: z.nullable(wizardProgressSchema) }),
    response: z.object({ saved: z.boolean() }),
  },
  /**
   * Validates what the user typed (errors per field), and for valid input builds the complete client JSON for the
   * console's Import client page and the values to type into Sentry.
   */
  "wizard.prepare": {
    from: "content-script",
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
      sentrySide: z.nullable(sentrySideValuesSchema),
    }),
  },
  /**
   * The wizard's test login: records SAML on Sentry's site and the console's (sites the browser already lets SAML Lens
   * read), then opens `loginUrl` (on one of the two) in a new tab. `since` is when the recording of this login began.
   */
  "wizard.login.start": {
    from: "content-script",
    request: z.object({ consoleOrigin: z.string(), sentryUrl: z.string(), loginUrl: z.string() }),
    /** `added`: the sites the recorder records for this login and did not record before (the wizard stops those). */
    response: z.object({ started: z.boolean(), since: z.string(), reason: z.optional(z.string()), added: z.optional(z.array(z.string())) }),
  },
  /** The wizard ended (Finish or Cancel): the recorder stops recording the sites its test login added. */
  "wizard.login.stop": {
    from: "content-script",
    request: z.object({ patterns: z.array(z.string().check(z.maxLength(2048))) }),
    response: z.object({ recording: z.boolean() }),
  },
  /** The wizard's "Open the SAML recorder" (a content script cannot open extension pages itself). */
  "wizard.recorder.open": { from: "content-script", request: z.object({}), response: z.object({ opened: z.boolean() }) },
  /** The first SAML Response the recorder captured since `since`, judged as Sentry's python3-saml would judge it. */
  "recorder.verdict": {
    from: "content-script",
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
      findings: z.array(z.object({ id: ruleFinding.id, severity: ruleFinding.severity, message: ruleFinding.message, fix: ruleFinding.fix })),
      /** Why there is no verdict (nothing recorded, recording stopped, an unreadable preset). */
      problem: z.optional(z.string()),
    }),
  },
} as const satisfies Record<string, { readonly from: Sender; readonly request: z.ZodMiniType; readonly response: z.ZodMiniType }>;

export type MessageType = keyof typeof messageMap;
export type MessageRequest<T extends MessageType> = z.infer<(typeof messageMap)[T]["request"]>;
export type MessageResponse<T extends MessageType> = z.infer<(typeof messageMap)[T]["response"]>;
export type MessageHandlers = {
  [T in MessageType]: (payload: MessageRequest<T>, sender: Runtime.MessageSender) => Promise<MessageResponse<T>>;
};

const envelope = z.object({ type: z.string(), payload: z.unknown() });

/** Any message to the background, checked against the whole map (extension pages and wizard.js). */
export function sendMessage<T extends MessageType>(type: T, payload: MessageRequest<T>): Promise<MessageResponse<T>> {
  return sendWith(messageMap, type, payload) as Promise<MessageResponse<T>>;
}

function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(messageMap, type);
}

/** Extension pages count even when opened as a tab; content scripts are this extension's own, in a tab. */
function senderMay(from: Sender, sender: Runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id) return false;
  if (from === "content-script") return sender.tab !== undefined;
  return typeof sender.url === "string" && sender.url.startsWith(browser.runtime.getURL(""));
}

/** Installs the background's handlers. A message its sender may not send, or that is not ours, is never answered. */
export function listen(handlers: MessageHandlers): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
    const message = z.safeParse(envelope, raw);
    if (!message.success || !isMessageType(message.data.type)) return undefined;
    if (!senderMay(messageMap[message.data.type].from, sender)) return undefined;
    return dispatch(message.data.type, message.data.payload, sender, handlers);
  });
}

async function dispatch<T extends MessageType>(type: T, rawPayload: unknown, sender: Runtime.MessageSender, handlers: MessageHandlers): Promise<Reply> {
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
