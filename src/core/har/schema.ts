/**
 * The parts of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) this tool reads and writes. Chrome's and
 * Firefox's "Save all as HAR" both produce this; unknown fields pass through untouched.
 */
import * as z from "zod/mini";

const harNameValueSchema = z.object({ name: z.string(), value: z.string(), comment: z.optional(z.string()) });

/** -1 where the spec allows "unknown", otherwise a count. */
const size = z.number().check(z.int(), z.gte(-1));
const duration = z.number().check(z.gte(0));
const optionalDuration = z.optional(z.number().check(z.gte(-1)));

const harCookieSchema = z.object({
  name: z.string(),
  value: z.string(),
  path: z.optional(z.string()),
  domain: z.optional(z.string()),
  expires: z.optional(z.nullable(z.string())),
  httpOnly: z.optional(z.boolean()),
  secure: z.optional(z.boolean()),
  comment: z.optional(z.string()),
});

const harPostDataSchema = z.object({
  mimeType: z.string(),
  text: z.optional(z.string()),
  params: z.optional(z.array(z.object({ name: z.string(), value: z.optional(z.string()), fileName: z.optional(z.string()), contentType: z.optional(z.string()) }))),
  comment: z.optional(z.string()),
});

const harRequestSchema = z.object({
  method: z.string().check(z.minLength(1)),
  url: z.string(),
  httpVersion: z.string(),
  cookies: z.array(harCookieSchema),
  headers: z.array(harNameValueSchema),
  queryString: z.array(harNameValueSchema),
  postData: z.optional(harPostDataSchema),
  headersSize: size,
  bodySize: size,
  comment: z.optional(z.string()),
});

const harContentSchema = z.object({
  size: z.number().check(z.int()),
  compression: z.optional(z.number()),
  mimeType: z.string(),
  text: z.optional(z.string()),
  encoding: z.optional(z.string()),
  comment: z.optional(z.string()),
});

const harResponseSchema = z.object({
  status: z.number().check(z.int()),
  statusText: z.string(),
  httpVersion: z.string(),
  cookies: z.array(harCookieSchema),
  headers: z.array(harNameValueSchema),
  content: harContentSchema,
  redirectURL: z.string(),
  headersSize: size,
  bodySize: size,
  comment: z.optional(z.string()),
});

const harEntrySchema = z.object({
  pageref: z.optional(z.string()),
  startedDateTime: z.iso.datetime({ offset: true }),
  time: duration,
  request: harRequestSchema,
  response: harResponseSchema,
  cache: z.object({ beforeRequest: z.optional(z.nullable(z.object({}))), afterRequest: z.optional(z.nullable(z.object({}))), comment: z.optional(z.string()) }),
  timings: z.object({
    blocked: optionalDuration,
    dns: optionalDuration,
    connect: optionalDuration,
    send: duration,
    wait: duration,
    receive: duration,
    ssl: optionalDuration,
    comment: z.optional(z.string()),
  }),
  serverIPAddress: z.optional(z.string()),
  connection: z.optional(z.string()),
  comment: z.optional(z.string()),
});

/** HAR 1.2 as the spec writes it: what export produces, and what its tests hold it to. */
export const harSchema = z.object({
  log: z.object({
    version: z.literal("1.2"),
    creator: z.object({ name: z.string(), version: z.string(), comment: z.optional(z.string()) }),
    browser: z.optional(z.object({ name: z.string(), version: z.string(), comment: z.optional(z.string()) })),
    pages: z.optional(z.array(z.unknown())),
    entries: z.array(harEntrySchema),
    comment: z.optional(z.string()),
  }),
});

export type Har = z.infer<typeof harSchema>;
export type HarEntry = z.infer<typeof harEntrySchema>;

/** A field we keep for export but do not need: one that is malformed is dropped rather than refusing the capture. */
const kept = <T extends z.core.SomeType>(schema: T) => z.optional(z.catch(z.optional(schema), undefined));

const keptNameValues = kept(z.array(z.object({ name: z.string(), value: z.string() })));
const lenientNameValue = z.object({ name: z.string(), value: z.string() });
const lenientPostData = z.object({
  mimeType: z.string(),
  text: z.optional(z.string()),
  params: z.optional(z.array(z.object({ name: z.string(), value: z.optional(z.string()) }))),
});

/**
 * What import needs from a HAR entry, plus what export carries over. Looser than the spec on purpose: other tools
 * omit timings or cookies, and a missing field we do not read is no reason to refuse a capture. Unknown fields
 * (Chrome's `_initiator`, `_resourceType`, …) are dropped.
 */
export const harImportEntrySchema = z.object({
  startedDateTime: z.optional(z.string()),
  time: kept(z.number()),
  request: z.object({
    method: z.string(),
    url: z.string(),
    httpVersion: kept(z.string()),
    headers: keptNameValues,
    cookies: kept(z.array(z.object({ name: z.string(), value: z.string() }))),
    queryString: z.optional(z.array(lenientNameValue)),
    postData: z.optional(lenientPostData),
  }),
  response: z.optional(
    z.object({
      status: z.number(),
      statusText: kept(z.string()),
      httpVersion: kept(z.string()),
      headers: keptNameValues,
      cookies: kept(z.array(z.object({ name: z.string(), value: z.string() }))),
      content: z.optional(z.object({ mimeType: z.optional(z.string()), text: z.optional(z.string()), encoding: z.optional(z.string()) })),
      redirectURL: kept(z.string()),
    }),
  ),
  timings: kept(z.object({ send: z.number(), wait: z.number(), receive: z.number() })),
  serverIPAddress: kept(z.string()),
  comment: kept(z.string()),
});

export const harImportSchema = z.object({ log: z.object({ entries: z.array(harImportEntrySchema) }) });

export type HarImportEntry = z.infer<typeof harImportEntrySchema>;
