import { readFile, writeFile } from "node:fs/promises";
import { commands } from "./commands.js";
import { EXIT, UsageError, type CliIo } from "./io.js";

declare const __VERSION__: string;
const version = typeof __VERSION__ === "string" ? __VERSION__ : "dev";

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return new Uint8Array(Buffer.concat(chunks));
}

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readInput: async (path) => {
    if (path === "-") return readStdin();
    try {
      return await readFile(path); // a Buffer is a Uint8Array: no copy of a 100 MB HAR
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(code === "ENOENT" ? `No such file: ${path}` : `Cannot read ${path}: ${String(error)}`);
    }
  },
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
