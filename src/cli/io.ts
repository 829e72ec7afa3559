/** What a CLI command may do to the outside world. main.ts provides the Node implementation; tests provide their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads a file, or standard input for "-". Rejects with a readable message when the file cannot be read. */
  readonly readInput: (path: string) => Promise<Uint8Array>;
  readonly writeFile: (path: string, content: string) => Promise<void>;
  /** Whether ANSI colours may be used in human output. */
  readonly color: boolean;
  /** "Now" for time-dependent checks, unless a command's --now overrides it. */
  readonly now: () => Date;
}

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
