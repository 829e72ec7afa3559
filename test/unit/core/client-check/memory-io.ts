/** An in-memory CliIo: files from a map (or the fixtures directory), output captured. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError, type CliIo } from "../../../../src/cli/io.js";
import { FIXTURES } from "./support.js";

export interface MemoryIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
  readonly written: Map<string, string>;
}

export function memoryIo(files: Record<string, string> = {}): MemoryIo {
  let out = "";
  let err = "";
  const written = new Map<string, string>();
  const readInput = async (path: string) => {
    const inline = files[path];
    if (inline !== undefined) return new TextEncoder().encode(inline);
    try {
      return new Uint8Array(readFileSync(join(FIXTURES, path)));
    } catch {
      throw new UsageError(`No such file: ${path}`);
    }
  };
  return {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    readInput,
    streamInput: async (path) => new Blob([await readInput(path)]).stream(),
    writeFile: async (path, content) => void written.set(path, content),
    color: false,
    now: () => new Date("2026-01-01T00:00:00Z"),
    out: () => out,
    err: () => err,
    written,
  };
}
