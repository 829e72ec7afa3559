/** What a CLI command may do to the outside world. main.ts provides the Node implementation; tests provide their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /**
   * Reads a small file whole (a certificate, metadata, a client export), or standard input for "-". Rejects with a
   * readable message when the file cannot be read or is larger than MAX_READ_BYTES.
   */
  readonly readInput: (path: string) => Promise<Uint8Array>;
  /**
   * Opens a file, or standard input for "-", as a stream: the input of `analyze`, which may be a HAR of gigabytes and
   * is imported as it arrives. Rejects with a readable message when the file cannot be opened.
   */
  readonly streamInput: (path: string) => Promise<ReadableStream<Uint8Array>>;
  readonly writeFile: (path: string, content: string) => Promise<void>;
  /** Whether ANSI colours may be used in human output. */
  readonly color: boolean;
  /** "Now" for time-dependent checks, unless a command's --now overrides it. */
  readonly now: () => Date;
}

/** Files that are read whole are never this large: a realm export of many clients is a few megabytes. */
export const MAX_READ_BYTES = 256 * 1024 * 1024;

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, findings: 1, unusableInput: 2 } as const;

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly run: (args: readonly string[], io: CliIo) => Promise<number>;
}

/** Thrown by commands for unusable input or arguments; main prints the message and exits with 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
