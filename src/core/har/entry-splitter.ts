/**
 * Splits the JSON text of a HAR file, arriving in chunks, into its `log.entries` elements, checking the JSON syntax
 * of everything on the way. A 100 MB capture is mostly response bodies of pages that carry no SAML; parsing them into
 * objects would cost several times the file size in memory, so the splitter only finds where each entry starts and
 * ends and whether it mentions SAML, and hands over the text of the entries that do. Memory stays at one entry plus
 * one chunk whatever the file size.
 */

/** A syntax or structure error, with where it was found; the importer turns it into a result. */
export class HarTextError extends Error {
  constructor(
    readonly kind: "json" | "structure",
    message: string,
    /** Offset in characters from the start of the text. */
    readonly offset: number,
  ) {
    super(message);
    this.name = "HarTextError";
  }
}

export interface SplitEntry {
  /** Position in `log.entries`, from 0. */
  readonly index: number;
  /** Whether the entry's text contains "SAMLRequest" or "SAMLResponse" anywhere (URL, body, page). */
  readonly mentionsSaml: boolean;
  /** The entry's JSON text; built only when asked for, so entries nobody wants cost no copy. */
  readonly text: () => string;
}

const enum Mode {
  Value,
  ValueOrClose,
  KeyOrClose,
  Key,
  Colon,
  AfterValue,
  End,
}

const OBJECT = 0;
const ARRAY = 1;

/** Where `log.entries` elements are: root object → "log" object → "entries" array. */
const ENTRY_DEPTH = 3;

/** "SAMLRequest" and "SAMLResponse" share it; found with the engine's native string search, once per chunk. */
const NEEDLE = "SAMLRe";

/** Characters a JSON string may hold unescaped, up to the next quote, backslash or control character. */
const STRING_RUN = /[^"\\\u0000-\u001f]*/y;
const WHITESPACE_RUN = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

export class HarEntrySplitter {
  private readonly stack: number[] = [];
  private mode: Mode = Mode.Value;
  private inString = false;
  private stringIsKey = false;
  /** Text held back from the previous chunk: a token or escape that the chunk boundary cut in two. */
  private carry = "";
  /** Characters before the current chunk (without the carry, which is counted in the chunk it is prepended to). */
  private offsetBefore = 0;

  private rootKey: string | undefined;
  private logKey: string | undefined;
  private sawLog = false;
  private sawEntries = false;

  private entryIndex = -1;
  private entryOpen = false;
  private entryPieces: string[] = [];
  private entryStart = 0;
  private entryMentionsSaml = false;
  private tail = "";

  /** The text being scanned (carry + chunk), and where it starts in the whole file. */
  private currentText = "";
  private textOffset = 0;

  private hits: number[] = [];
  private hitCursor = 0;

  constructor(private readonly onEntry: (entry: SplitEntry) => void) {}

  /** Number of entries seen so far. */
  get entryCount(): number {
    return this.entryIndex + 1;
  }

  /** Feeds the next piece of text. Throws `HarTextError` on the first error. */
  push(chunk: string): void {
    if (chunk === "") return;
    const text = this.carry === "" ? chunk : this.carry + chunk;
    const carried = this.carry.length;
    this.carry = "";
    this.currentText = text;
    this.textOffset = this.offsetBefore - carried;
    this.findHits(text);
    if (this.entryOpen) {
      // "SAMLRe" cut in two by the chunk boundary belongs to the entry that spans it.
      if (!this.entryMentionsSaml && (this.tail + text.slice(0, NEEDLE.length - 1)).includes(NEEDLE)) this.entryMentionsSaml = true;
      this.entryStart = 0;
    }
    const consumed = this.scan(text);
    if (consumed < text.length) this.carry = text.slice(consumed);
    if (this.entryOpen) {
      if (this.entryStart < consumed) this.entryPieces.push(text.slice(this.entryStart, consumed));
      if (!this.entryMentionsSaml && this.hasHit(this.entryStart, consumed)) this.entryMentionsSaml = true;
    }
    this.tail = text.slice(Math.max(0, consumed - (NEEDLE.length - 1)), consumed);
    this.offsetBefore += consumed - carried;
    this.currentText = "";
  }

  /** Declares the end of the text. Throws `HarTextError` when it ends early or is not a HAR. */
  end(): void {
    this.textOffset = this.offsetBefore;
    const where = this.entryOpen ? ` inside log.entries[${this.entryIndex}]` : "";
    // A HAR ends with "}", so text still held back is a value the end of the file cut off.
    if (this.carry !== "" || this.inString || this.stack.length > 0) {
      this.fail("json", `The file ends before its JSON is complete${where}: it is truncated (an interrupted download or copy?).`, this.carry.length);
    }
    if (this.mode !== Mode.End) this.fail("json", "The file is empty (or only whitespace).", 0);
    if (!this.sawLog) this.fail("structure", 'This JSON is not a HAR file: it has no "log" object at the top level.', 0);
    if (!this.sawEntries) this.fail("structure", 'This JSON is not a HAR file: its "log" has no "entries" list.', 0);
  }

  private findHits(text: string): void {
    this.hits.length = 0;
    this.hitCursor = 0;
    for (let at = text.indexOf(NEEDLE); at >= 0; at = text.indexOf(NEEDLE, at + 1)) this.hits.push(at);
  }

  /** Whether a hit starts in [from, to). Entries close in text order, so the cursor only moves forward. */
  private hasHit(from: number, to: number): boolean {
    const hits = this.hits;
    while (this.hitCursor < hits.length && (hits[this.hitCursor] ?? 0) < from) this.hitCursor++;
    const next = hits[this.hitCursor];
    return next !== undefined && next < to;
  }

  /** Scans as far as the text allows; returns how many characters were consumed (the rest must be carried). */
  private scan(text: string): number {
    const length = text.length;
    const stack = this.stack;
    let i = 0;
    while (i < length) {
      if (this.inString) {
        STRING_RUN.lastIndex = i;
        STRING_RUN.test(text);
        let j = STRING_RUN.lastIndex;
        if (j >= length) return length;
        const c = text.charCodeAt(j);
        if (c === 0x22) {
          this.inString = false;
          i = j + 1;
          this.afterString();
          continue;
        }
        if (c === 0x5c) {
          if (j + 1 >= length) return j;
          const e = text.charCodeAt(j + 1);
          if (e === 0x75) {
            if (j + 6 > length) return j;
            if (!HEX4.test(text.slice(j + 2, j + 6))) this.fail("json", "A \\u escape in a string is not followed by four hex digits.", j);
            i = j + 6;
          } else if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
            i = j + 2;
          } else {
            this.fail("json", `A string has the invalid escape "\\${text.charAt(j + 1)}".`, j);
          }
          continue;
        }
        this.fail("json", "A string contains an unescaped control character (a raw line break or tab?).", j);
      }
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        WHITESPACE_RUN.lastIndex = i;
        WHITESPACE_RUN.test(text);
        i = WHITESPACE_RUN.lastIndex;
        continue;
      }
      switch (this.mode) {
        case Mode.Value:
        case Mode.ValueOrClose: {
          if (c === 0x5d && this.mode === Mode.ValueOrClose) {
            this.close(ARRAY, i);
            i++;
            continue;
          }
          const next = this.value(text, i, c);
          if (next < 0) return i;
          i = next;
          continue;
        }
        case Mode.KeyOrClose:
        case Mode.Key:
          if (c === 0x22) {
            // Keys near the top say where we are; they are short, so a cut one is simply carried whole.
            if (stack.length <= 2) {
              const end = this.keyEnd(text, i + 1);
              if (end < 0) return i;
              this.shallowKey(text.slice(i, end + 1), i);
              i = end + 1;
              this.mode = Mode.Colon;
              continue;
            }
            this.inString = true;
            this.stringIsKey = true;
            i++;
            continue;
          }
          if (c === 0x7d && this.mode === Mode.KeyOrClose) {
            this.close(OBJECT, i);
            i++;
            continue;
          }
          this.fail("json", `Expected a property name in double quotes, found ${describe(text, i)}.`, i);
          break;
        case Mode.Colon:
          if (c !== 0x3a) this.fail("json", `Expected ":" after a property name, found ${describe(text, i)}.`, i);
          this.mode = Mode.Value;
          i++;
          continue;
        case Mode.AfterValue: {
          const top = stack[stack.length - 1];
          if (c === 0x2c) {
            this.mode = top === OBJECT ? Mode.Key : Mode.Value;
            i++;
            continue;
          }
          if ((c === 0x7d && top === OBJECT) || (c === 0x5d && top === ARRAY)) {
            this.close(top, i);
            i++;
            continue;
          }
          this.fail("json", `Expected "," or "${top === OBJECT ? "}" : "]"}", found ${describe(text, i)}.`, i);
          break;
        }
        case Mode.End:
          this.fail("json", `Unexpected ${describe(text, i)} after the end of the JSON.`, i);
      }
    }
    return length;
  }

  /** Starts a value at `i`; returns the position after what was consumed, or -1 when the token is cut by the chunk end. */
  private value(text: string, i: number, c: number): number {
    const stack = this.stack;
    const depth = stack.length;
    if (depth === ENTRY_DEPTH && this.inEntries()) this.openEntry(i, c);
    else if (depth === 1 && this.rootKey === "log" && c !== 0x7b) this.fail("structure", 'This JSON is not a HAR file: its "log" is not an object.', i);
    else if (depth === 2 && this.rootKey === "log" && this.logKey === "entries" && c !== 0x5b) {
      this.fail("structure", 'This JSON is not a HAR file: its "log.entries" is not a list.', i);
    } else if (depth === 0 && c !== 0x7b) {
      this.fail("structure", `This JSON is not a HAR file: it is ${c === 0x5b ? "a list" : "a single value"}, not an object with a "log".`, i);
    }
    if (c === 0x7b) {
      stack.push(OBJECT);
      this.mode = Mode.KeyOrClose;
      this.noteContainer();
      return i + 1;
    }
    if (c === 0x5b) {
      stack.push(ARRAY);
      this.mode = Mode.ValueOrClose;
      this.noteContainer();
      return i + 1;
    }
    if (c === 0x22) {
      this.inString = true;
      this.stringIsKey = false;
      return i + 1;
    }
    if (c === 0x74 || c === 0x66 || c === 0x6e) {
      const word = c === 0x74 ? "true" : c === 0x66 ? "false" : "null";
      const end = i + word.length;
      if (end >= text.length) {
        if (!word.startsWith(text.slice(i))) this.fail("json", `Unexpected ${describe(text, i)} where a value was expected.`, i);
        return -1;
      }
      if (text.slice(i, end) !== word || isWordChar(text.charCodeAt(end))) this.fail("json", `Unexpected ${describe(text, i)} where a value was expected.`, i);
      this.afterValue();
      return end;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) {
        if (text.length - i < 2) return -1;
        this.fail("json", `A number is malformed near ${describe(text, i)}.`, i);
      }
      const end = NUMBER.lastIndex;
      if (end >= text.length) return -1;
      if (isWordChar(text.charCodeAt(end)) || text.charCodeAt(end) === 0x2e) this.fail("json", `A number is malformed near ${describe(text, i)}.`, i);
      this.afterValue();
      return end;
    }
    this.fail("json", `Unexpected ${describe(text, i)} where a value was expected.`, i);
  }

  private inEntries(): boolean {
    return this.rootKey === "log" && this.logKey === "entries";
  }

  private noteContainer(): void {
    const depth = this.stack.length;
    if (depth === 2 && this.rootKey === "log") this.sawLog = true;
    if (depth === 3 && this.inEntries()) this.sawEntries = true;
  }

  private openEntry(i: number, c: number): void {
    this.entryIndex++;
    if (c !== 0x7b) this.fail("structure", `This is not a HAR file: log.entries[${this.entryIndex}] is not an object.`, i);
    this.entryOpen = true;
    this.entryStart = i;
    this.entryPieces = [];
    this.entryMentionsSaml = false;
  }

  private close(kind: number | undefined, i: number): void {
    this.stack.pop();
    const depth = this.stack.length;
    if (depth === 0) {
      this.mode = Mode.End;
      return;
    }
    this.mode = Mode.AfterValue;
    if (kind === OBJECT && depth === ENTRY_DEPTH && this.entryOpen) this.closeEntry(i + 1);
  }

  private afterString(): void {
    if (this.stringIsKey) this.mode = Mode.Colon;
    else this.afterValue();
  }

  private afterValue(): void {
    this.mode = this.stack.length === 0 ? Mode.End : Mode.AfterValue;
  }

  private closeEntry(end: number): void {
    this.entryOpen = false;
    const mentionsSaml = this.entryMentionsSaml || this.hasHit(this.entryStart, end);
    // Joining costs a copy of the entry, so it is left to the caller, who asks only for the entries it keeps.
    const pieces = this.entryPieces;
    this.entryPieces = [];
    const start = this.entryStart;
    const current = this.currentText;
    this.onEntry({
      index: this.entryIndex,
      mentionsSaml,
      text: () => (pieces.length === 0 ? current.slice(start, end) : pieces.join("") + current.slice(start, end)),
    });
  }

  /** End of a string starting at `from` (just after its quote); -1 when the chunk ends first. */
  private keyEnd(text: string, from: number): number {
    let i = from;
    for (;;) {
      STRING_RUN.lastIndex = i;
      STRING_RUN.test(text);
      const j = STRING_RUN.lastIndex;
      if (j >= text.length) return -1;
      const c = text.charCodeAt(j);
      if (c === 0x22) return j;
      if (c !== 0x5c) this.fail("json", "A string contains an unescaped control character (a raw line break or tab?).", j);
      if (j + 1 >= text.length) return -1;
      i = j + 2;
    }
  }

  private shallowKey(raw: string, at: number): void {
    let key: unknown;
    try {
      key = JSON.parse(raw);
    } catch {
      this.fail("json", `The property name ${raw.slice(0, 40)} has an invalid escape.`, at);
    }
    if (typeof key !== "string") return;
    if (this.stack.length === 1) {
      this.rootKey = key;
      this.logKey = undefined;
    } else if (this.rootKey === "log") {
      this.logKey = key;
    }
  }

  private fail(kind: "json" | "structure", message: string, at: number): never {
    throw new HarTextError(kind, message, this.textOffset + at);
  }
}

function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2b || c === 0x2d;
}

function describe(text: string, i: number): string {
  const c = text.charAt(i);
  return c === "" ? "the end of the text" : JSON.stringify(text.slice(i, i + 12));
}
