/**
 * The parts of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) this tool reads and writes. Chrome's and
 * Firefox's "Save all as HAR" both produce this; unknown fields pass through untouched.
 */
import * as z from "zod/mini";

export const harNameValueSchema = z.object({ name: z.string(), value: z.string() });

export const harPostDataSchema = z.object({
  mimeType: z.string(),
  text: z.optional(z.string()),
  params: z.optional(z.array(z.object({ name: z.string(), value: z.optional(z.string()) }))),
});

export const harRequestSchema = z.object({
  method: z.string(),
  url: z.string(),
  httpVersion: z.string(),
  cookies: z.array(z.unknown()),
  headers: z.array(harNameValueSchema),
  queryString: z.array(harNameValueSchema),
  postData: z.optional(harPostDataSchema),
  headersSize: z.number(),
  bodySize: z.number(),
});

export const harContentSchema = z.object({
  size: z.number(),
  mimeType: z.string(),
  text: z.optional(z.string()),
  encoding: z.optional(z.string()),
});

export const harResponseSchema = z.object({
  status: z.number(),
  statusText: z.string(),
  httpVersion: z.string(),
  cookies: z.array(z.unknown()),
  headers: z.array(harNameValueSchema),
  content: harContentSchema,
  redirectURL: z.string(),
  headersSize: z.number(),
  bodySize: z.number(),
});

export const harEntrySchema = z.object({
  startedDateTime: z.string(),
  time: z.number(),
  request: harRequestSchema,
  response: harResponseSchema,
  cache: z.object({}),
  timings: z.object({ send: z.number(), wait: z.number(), receive: z.number() }),
});

export const harSchema = z.object({
  log: z.object({
    version: z.string(),
    creator: z.object({ name: z.string(), version: z.string() }),
    entries: z.array(harEntrySchema),
  }),
});

export type Har = z.infer<typeof harSchema>;
export type HarEntry = z.infer<typeof harEntrySchema>;

/**
 * What import needs from a HAR file. Looser than the spec on purpose: other tools omit timings or cookies, and a
 * missing field we do not read is no reason to refuse a capture.
 */
export const harImportSchema = z.object({
  log: z.object({
    entries: z.array(
      z.object({
        startedDateTime: z.optional(z.string()),
        request: z.object({
          method: z.string(),
          url: z.string(),
          queryString: z.optional(z.array(harNameValueSchema)),
          postData: z.optional(harPostDataSchema),
        }),
        response: z.optional(
          z.object({
            status: z.number(),
            content: z.optional(z.object({ mimeType: z.optional(z.string()), text: z.optional(z.string()), encoding: z.optional(z.string()) })),
          }),
        ),
      }),
    ),
  }),
});

export type HarImport = z.infer<typeof harImportSchema>;
