import { once } from "node:events";
import { createReadStream } from "node:fs";
import { stat, writeFile } from "node:fs/promises";
import type { Readable } from "node:stream";
import { formatBytes } from "../core/saml/inflate.js";
import { commands } from "./commands.js";
import { EXIT, MAX_READ_BYTES, UsageError, type CliIo } from "./io.js";

declare const __VERSION__: string;
const version = typeof __VERSION__ === "string" ? __VERSION__ : "dev";

/** A Node readable (a file, standard input) as a web stream; cancelling it closes the file. */
function webStream(source: Readable): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done === true) controller.close();
      else controller.enqueue(typeof next.value === "string" ? Buffer.from(next.value) : next.value);
    },
    async cancel() {
      await chunks.return?.();
    },
  });
}

function inputName(path: string): string {
  return path === "-" ? "Standard input" : path;
}

/** The file behind a path, checked before it is read: a readable message for a missing file or a directory. */
async function openFile(path: string): Promise<{ readonly size: number; readonly stream: Readable }> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UsageError(`${path} is a directory, not a file.`);
    const stream = createReadStream(path);
    // Opening errors (permissions) arrive asynchronously: wait for the file to be open before handing it over.
    await once(stream, "open");
    return { size: info.size, stream };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === "ENOENT" ? `No such file: ${path}` : `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function readWhole(path: string): Promise<Uint8Array> {
  const { size, stream } = path === "-" ? { size: 0, stream: process.stdin } : await openFile(path);
  const tooLarge = (bytes: number) =>
    new UsageError(`${inputName(path)} is ${formatBytes(bytes)}, more than the ${formatBytes(MAX_READ_BYTES)} a certificate, metadata or client export can be.`);
  if (size > MAX_READ_BYTES) {
    stream.destroy();
    throw tooLarge(size);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    if (total > MAX_READ_BYTES) {
      stream.destroy();
      throw tooLarge(total);
    }
    chunks.push(bytes);
  }
  // A Buffer is a Uint8Array: a single chunk is handed over without a copy.
  return chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks);
}

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readInput: readWhole,
  streamInput: async (path) => webStream(path === "-" ? process.stdin : (await openFile(path)).stream),
  writeFile: (path, content) => writeFile(path, content, "utf8"),
  color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
  now: () => new Date(),
};

function help(): string {
  const lines = [`saml-lens ${version}: check Keycloak SAML clients and SAML traffic against Sentry`, "", "Commands:"];
  for (const command of commands) lines.push(`  ${command.name.padEnd(14)} ${command.summary}`);
  lines.push("", "Run `saml-lens <command> --help` for a command's options.", "");
  return lines.join("\n");
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(help());
    return name === undefined ? EXIT.unusableInput : EXIT.ok;
  }
  if (name === "--version" || name === "-V") {
    io.stdout(`${version}\n`);
    return EXIT.ok;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    io.stderr(`saml-lens: unknown command "${name}".\n\n${help()}`);
    return EXIT.unusableInput;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(`${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`saml-lens ${name}: ${error.message}\n`);
      return EXIT.unusableInput;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`saml-lens: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
