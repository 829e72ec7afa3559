/**
 * The harness's one HTTP server on 127.0.0.1: serves a route table, keeps a log of every request, and answers any
 * call nobody implemented with a loud 501 instead of something that merely looks right.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { extname } from "node:path";
import { matchRoute, type HarnessRequest, type Json, type Reply, type Route } from "./router.js";

export interface LogEntry {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  /** The request body when it was JSON. */
  body: Json | undefined;
  status: number;
  /** True when no route answered: the console called something the harness does not implement. */
  unknown?: true;
}

export interface RequestLog {
  entries: LogEntry[];
  clear(): void;
}

export interface HarnessServer {
  origin: string;
  port: number;
  log: RequestLog;
  close(): Promise<void>;
}

export interface ServerOptions {
  port?: number;
  /** Routes are tried in order; later calls to `routes()` see the current table. */
  routes: () => readonly Route[];
  /** Paths that are not worth logging (static assets). */
  quiet?: (path: string) => boolean;
  onUnknown?: (entry: LogEntry) => void;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".xml": "application/xml",
};

export const contentTypeFor = (path: string): string => CONTENT_TYPES[extname(path)] ?? "application/octet-stream";

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

function parseJson(raw: Buffer, contentType: string | undefined): Json | undefined {
  if (raw.length === 0 || !(contentType ?? "").includes("json")) return undefined;
  try {
    return JSON.parse(raw.toString("utf8")) as Json;
  } catch {
    return undefined;
  }
}

async function send(response: ServerResponse, reply: Reply): Promise<void> {
  const headers: Record<string, string> = { "cache-control": "no-store", ...reply.headers };
  if ("json" in reply) {
    response.writeHead(reply.status, { ...headers, "content-type": "application/json" });
    response.end(JSON.stringify(reply.json));
  } else if ("text" in reply) {
    response.writeHead(reply.status, { ...headers, "content-type": reply.contentType ?? "text/plain; charset=utf-8" });
    response.end(reply.text);
  } else if ("file" in reply) {
    const info = await stat(reply.file).catch(() => undefined);
    if (!info?.isFile()) {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not found");
      return;
    }
    response.writeHead(reply.status, {
      ...headers,
      "content-type": reply.contentType ?? contentTypeFor(reply.file),
      "content-length": String(info.size),
    });
    await new Promise<void>((resolve, reject) => {
      createReadStream(reply.file).on("error", reject).on("end", resolve).pipe(response);
    });
  } else {
    response.writeHead(reply.status, headers);
    response.end();
  }
}

export async function startServer(options: ServerOptions): Promise<HarnessServer> {
  const entries: LogEntry[] = [];
  let seq = 0;
  const sockets = new Set<Socket>();
  let origin = "";

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", origin);
      const method = request.method ?? "GET";
      const rawBody = await readBody(request);
      const harnessRequest: HarnessRequest = {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        json: parseJson(rawBody, request.headers["content-type"]),
        rawBody,
        origin,
      };
      const match = matchRoute(options.routes(), method, url.pathname);
      let reply: Reply;
      if (match) {
        try {
          reply = await match.route.handle(harnessRequest, match.params);
        } catch (failure) {
          process.stderr.write(`[harness] ${method} ${url.pathname} failed: ${String(failure)}\n`);
          reply = { status: 500, json: { error: "harness handler failed", detail: String(failure) } };
        }
      } else {
        reply = { status: 501, json: { error: "not implemented by the harness", method, path: url.pathname } };
      }
      const entry: LogEntry = {
        seq: ++seq,
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: harnessRequest.json,
        status: reply.status,
      };
      if (!match) {
        entry.unknown = true;
        process.stderr.write(`[harness] 501 UNKNOWN CALL ${method} ${url.pathname}${url.search}\n`);
        options.onUnknown?.(entry);
      }
      if (!match || !options.quiet?.(url.pathname)) entries.push(entry);
      await send(response, reply);
    })().catch((failure: unknown) => {
      process.stderr.write(`[harness] ${String(failure)}\n`);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    port,
    log: {
      entries,
      clear: () => {
        entries.length = 0;
      },
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Browsers keep connections alive; without this close() would wait for them to time out.
        for (const socket of sockets) socket.destroy();
        server.close((failure) => (failure ? reject(failure) : resolve()));
      }),
  };
}
