/** A SAML protocol parameter as it was captured, before any decoding. */
import type { Binding } from "../saml/decode.js";

export type SamlParameter = "SAMLRequest" | "SAMLResponse";

export interface HttpAnswer {
  readonly status: number;
  readonly mimeType: string | undefined;
  /** Body text of the answer, when the capture kept it. */
  readonly text: string | undefined;
  /** Where a redirect sent the browser next (Location), when the answer is one. */
  readonly location?: string | undefined;
}

export interface CapturedMessage {
  readonly parameter: SamlParameter;
  readonly binding: Binding;
  /** The binding was guessed from the value itself (bare base64 or XML input), not seen on the wire. */
  readonly bindingInferred: boolean;
  /** The parameter value as the receiver gets it (after URL/form decoding), or XML text when `encoding` is "xml". */
  readonly value: string;
  readonly encoding: "base64" | "xml";
  readonly relayState: string | undefined;
  readonly sigAlg: string | undefined;
  readonly signature: string | undefined;
  /** Where the message was sent (form action or redirect target), when known. */
  readonly url: string | undefined;
  readonly startedAt: string | undefined;
  /** Where in the input it was found, for messages ("HAR entry 4", "input"). */
  readonly origin: string;
  /** The HTTP answer to the request that carried the message (HAR only). */
  readonly answer: HttpAnswer | undefined;
}
