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

interface OpenRequest {
  /** Where its exchange is in the result. */
  readonly position: number;
  answered: boolean;
}

/** Requests in the order they were sent; answered ones are skipped over from either end, each once. */
interface RequestList {
  readonly items: OpenRequest[];
  /** Items before this one are answered. */
  head: number;
}

/** Unanswered requests that a response of one kind may answer, looked up by ID and by RelayState. */
interface OpenRequests {
  readonly byId: Map<string, RequestList>;
  readonly byRelayState: Map<string, RequestList>;
}

/** In time linear in the number of messages: a 100 MB capture holds tens of thousands. */
export function groupExchanges(messages: readonly FlowMessage[]): Exchange[] {
  const exchanges: Exchange[] = [];
  const open = new Map<MessageKind, OpenRequests>();
  for (const message of messages) {
    const kind = message.kind;
    if (kind === undefined) continue;
    const answeredBy = RESPONSE_OF[kind];
    if (answeredBy !== undefined) {
      const request: OpenRequest = { position: exchanges.length, answered: false };
      exchanges.push({
        kind: kind === "AuthnRequest" ? "login" : "logout",
        request: message.index,
        response: null,
        requestId: message.id ?? null,
        relayState: message.relayState ?? null,
        idpInitiated: false,
        pairedBy: "none",
      });
      let lists = open.get(answeredBy);
      if (lists === undefined) {
        lists = { byId: new Map(), byRelayState: new Map() };
        open.set(answeredBy, lists);
      }
      if (message.id !== undefined) append(lists.byId, message.id, request);
      if (message.relayState !== undefined) append(lists.byRelayState, message.relayState, request);
      continue;
    }
    const lists = open.get(kind);
    // By ID the earliest unanswered request with that ID; by RelayState (only without InResponseTo) the latest.
    const byId = message.inResponseTo === undefined ? undefined : earliestOpen(lists?.byId.get(message.inResponseTo));
    const byRelayState =
      byId !== undefined || message.inResponseTo !== undefined || message.relayState === undefined ? undefined : latestOpen(lists?.byRelayState.get(message.relayState));
    const match = byId ?? byRelayState;
    const matched = match === undefined ? undefined : exchanges[match.position];
    if (match !== undefined && matched !== undefined) {
      match.answered = true;
      exchanges[match.position] = { ...matched, response: message.index, pairedBy: byId !== undefined ? "in-response-to" : "relay-state" };
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

function append(lists: Map<string, RequestList>, key: string, request: OpenRequest): void {
  const list = lists.get(key);
  if (list === undefined) lists.set(key, { items: [request], head: 0 });
  else list.items.push(request);
}

function earliestOpen(list: RequestList | undefined): OpenRequest | undefined {
  if (list === undefined) return undefined;
  while (list.head < list.items.length && list.items[list.head]?.answered === true) list.head++;
  return list.items[list.head];
}

function latestOpen(list: RequestList | undefined): OpenRequest | undefined {
  if (list === undefined) return undefined;
  while (list.items.length > list.head && list.items[list.items.length - 1]?.answered === true) list.items.pop();
  return list.items.length > list.head ? list.items[list.items.length - 1] : undefined;
}
