/**
 * Groups captured messages into exchanges: an AuthnRequest with the Response that answers it, a LogoutRequest with
 * its LogoutResponse. Pairing is by ID ↔ InResponseTo first; RelayState pairs what has no InResponseTo; a Response
 * that answers no captured request is IdP-initiated (or its request was not captured).
 */
import * as z from "zod/mini";
import type { MessageKind } from "./model.js";

export interface FlowMessage {
  readonly index: number;
  readonly kind: MessageKind | undefined;
  readonly id: string | undefined;
  readonly inResponseTo: string | undefined;
  readonly relayState: string | undefined;
}

export const exchangeSchema = z.object({
  kind: z.enum(["login", "logout"]),
  /** Indexes into the message list. */
  request: z.nullable(z.number()),
  response: z.nullable(z.number()),
  requestId: z.nullable(z.string()),
  relayState: z.nullable(z.string()),
  /** A login Response that answers no request: IdP-initiated (or its request was not captured). */
  idpInitiated: z.boolean(),
  pairedBy: z.enum(["in-response-to", "relay-state", "none"]),
});

export type Exchange = z.infer<typeof exchangeSchema>;

const RESPONSE_OF: Partial<Record<MessageKind, MessageKind>> = { AuthnRequest: "Response", LogoutRequest: "LogoutResponse" };

export function groupExchanges(messages: readonly FlowMessage[]): Exchange[] {
  const exchanges: Exchange[] = [];
  const open: { exchange: Exchange; answeredBy: MessageKind }[] = [];
  for (const message of messages) {
    const kind = message.kind;
    if (kind === undefined) continue;
    const answeredBy = RESPONSE_OF[kind];
    if (answeredBy !== undefined) {
      const exchange: Exchange = {
        kind: kind === "AuthnRequest" ? "login" : "logout",
        request: message.index,
        response: null,
        requestId: message.id ?? null,
        relayState: message.relayState ?? null,
        idpInitiated: false,
        pairedBy: "none",
      };
      exchanges.push(exchange);
      open.push({ exchange, answeredBy });
      continue;
    }
    const candidates = open.filter((entry) => entry.answeredBy === kind && entry.exchange.response === null);
    const byId = message.inResponseTo === undefined ? undefined : candidates.find((entry) => entry.exchange.requestId === message.inResponseTo);
    const byRelayState =
      byId !== undefined || message.inResponseTo !== undefined || message.relayState === undefined
        ? undefined
        : [...candidates].reverse().find((entry) => entry.exchange.relayState === message.relayState);
    const match = byId ?? byRelayState;
    if (match !== undefined) {
      const index = exchanges.indexOf(match.exchange);
      exchanges[index] = { ...match.exchange, response: message.index, pairedBy: byId !== undefined ? "in-response-to" : "relay-state" };
      match.exchange = exchanges[index] ?? match.exchange;
      continue;
    }
    exchanges.push({
      kind: kind === "Response" ? "login" : "logout",
      request: null,
      response: message.index,
      requestId: message.inResponseTo ?? null,
      relayState: message.relayState ?? null,
      idpInitiated: kind === "Response" && message.inResponseTo === undefined,
      pairedBy: "none",
    });
  }
  return exchanges;
}
