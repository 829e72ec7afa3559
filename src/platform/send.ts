/**
 * The one way a context sends a message to the background: an envelope out, a reply envelope back, the answer checked
 * against the message's response schema in the map it was sent from (messages.ts's whole map, or content.js's own).
 */
import * as z from "zod/mini";
import { browser } from "./browser.js";

const replyEnvelope = z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: z.string() })]);
export type Reply = z.infer<typeof replyEnvelope>;

export async function sendWith<M extends Record<string, { readonly response: z.ZodMiniType }>>(map: M, type: keyof M & string, payload: unknown): Promise<unknown> {
  const raw: unknown = await browser.runtime.sendMessage({ type, payload });
  const reply = z.parse(replyEnvelope, raw);
  if (!reply.ok) throw new Error(reply.error);
  const definition = map[type];
  if (definition === undefined) throw new Error(`Unknown message ${type}`);
  return z.parse(definition.response, reply.value);
}
