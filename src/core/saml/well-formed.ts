/**
 * The well-formedness pass that runs before fast-xml-parser builds the tree. The parser is lenient by design (it
 * accepts mismatched end tags, unquoted or repeated attributes, text after the root), and python3-saml's lxml is not:
 * a message lxml refuses must be reported as malformed, not analysed. One scan with `indexOf` and `charCodeAt`, no
 * regular expressions and no allocation beyond the element names on the open-tag stack.
 *
 * Entity and character references are checked later, where text and attribute values are decoded (`decodeText`);
 * DOCTYPE is found before this pass runs.
 */

export interface WellFormedError {
  readonly message: string;
  readonly offset: number;
}

const GT = 0x3e; // >
const SLASH = 0x2f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const BANG = 0x21;
const QUESTION = 0x3f;

/** C0 controls other than tab, line feed and carriage return, and the two non-characters of the BMP. */
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** `undefined` when the text is a well-formed document with one root element. */
export function checkWellFormed(text: string): WellFormedError | undefined {
  const control = FORBIDDEN_CHARACTER.exec(text);
  if (control !== null) return { message: `The character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")} is not allowed in XML.`, offset: control.index };
  const open: string[] = [];
  let rootClosed = false;
  let sawRoot = false;
  let position = 0;
  const length = text.length;
  // The first "]]>" at or after the current text (-1: none left, -2: not looked for yet): searched for again only once
  // passed, so a document of many text nodes is scanned once, not once per text node.
  let nextTerminator = -2;
  while (position < length) {
    const tag = text.indexOf("<", position);
    const textEnd = tag < 0 ? length : tag;
    if (textEnd > position) {
      if (open.length === 0) {
        if (!isWhitespaceRun(text, position, textEnd)) return { message: sawRoot ? "Text after the root element." : "Text before the root element.", offset: firstNonWhitespace(text, position) };
      } else {
        if (nextTerminator === -2 || (nextTerminator >= 0 && nextTerminator < position)) nextTerminator = text.indexOf("]]>", position);
        if (nextTerminator >= 0 && nextTerminator < textEnd) return { message: 'The sequence "]]>" is not allowed in text.', offset: nextTerminator };
      }
    }
    if (tag < 0) break;
    const next = text.charCodeAt(tag + 1);
    if (next === QUESTION) {
      const end = text.indexOf("?>", tag + 2);
      if (end < 0) return { message: "A processing instruction is not closed.", offset: tag };
      const target = readName(text, tag + 2);
      if (target === tag + 2) return { message: "A processing instruction has no target.", offset: tag };
      if (target - tag - 2 === 3 && text.slice(tag + 2, target).toLowerCase() === "xml" && tag !== 0) {
        return { message: "The XML declaration is only allowed at the very start.", offset: tag };
      }
      position = end + 2;
    } else if (next === BANG) {
      if (text.startsWith("<!--", tag)) {
        const end = text.indexOf("--", tag + 4);
        if (end < 0) return { message: "A comment is not closed.", offset: tag };
        if (text.charCodeAt(end + 2) !== GT) return { message: 'A comment contains "--".', offset: end };
        position = end + 3;
      } else if (text.startsWith("<![CDATA[", tag)) {
        if (open.length === 0) return { message: "A CDATA section outside the root element.", offset: tag };
        const end = text.indexOf("]]>", tag + 9);
        if (end < 0) return { message: "A CDATA section is not closed.", offset: tag };
        position = end + 3;
      } else {
        return { message: 'Markup declarations ("<!…") are not allowed.', offset: tag };
      }
    } else if (next === SLASH) {
      const nameEnd = readName(text, tag + 2);
      const name = text.slice(tag + 2, nameEnd);
      const close = skipWhitespace(text, nameEnd);
      if (text.charCodeAt(close) !== GT) return { message: `The end tag </${name}> is not closed properly.`, offset: tag };
      const expected = open.pop();
      if (expected === undefined) return { message: `The end tag </${name}> has no start tag.`, offset: tag };
      if (expected !== name) return { message: `The end tag </${name}> does not match the start tag <${expected}>.`, offset: tag };
      if (open.length === 0) rootClosed = true;
      position = close + 1;
    } else {
      if (rootClosed) return { message: "A second root element: a document has exactly one.", offset: tag };
      const nameEnd = readName(text, tag + 1);
      if (nameEnd === tag + 1) return { message: 'A "<" that starts no tag (write "&lt;" in text).', offset: tag };
      const name = text.slice(tag + 1, nameEnd);
      const end = readAttributes(text, nameEnd);
      if (typeof end !== "number") return end;
      sawRoot = true;
      if (text.charCodeAt(end) === SLASH) {
        if (open.length === 0) rootClosed = true;
        position = end + 2;
      } else {
        open.push(name);
        position = end + 1;
      }
    }
  }
  const unclosed = open[open.length - 1];
  if (unclosed !== undefined) return { message: `The element <${unclosed}> is not closed.`, offset: length };
  if (!sawRoot) return { message: "The document has no root element.", offset: 0 };
  return undefined;
}

/** Past this many attributes on one element, duplicates are looked up in a set instead of the list. */
const FEW_ATTRIBUTES = 16;

/**
 * Reads the attributes of a start tag; returns the offset of its `>` or of the `/` of `/>`. Linear in the tag's length
 * however many attributes it has (a hostile message may carry hundreds of thousands).
 */
function readAttributes(text: string, from: number): number | WellFormedError {
  let position = from;
  let names: string[] | undefined;
  let manyNames: Set<string> | undefined;
  // The first "<" after the first value's opening quote (-1: none left, -2: not looked for yet). It is never behind a
  // later value's quote: a "<" inside a value, or between attributes, ends the tag with an error first. So the text is
  // searched once per tag, not once per attribute.
  let nextLt = -2;
  for (;;) {
    const afterSpace = skipWhitespace(text, position);
    const code = text.charCodeAt(afterSpace);
    if (code === GT) return afterSpace;
    if (code === SLASH) {
      if (text.charCodeAt(afterSpace + 1) === GT) return afterSpace;
      return { message: 'A "/" inside a start tag.', offset: afterSpace };
    }
    if (Number.isNaN(code)) return { message: "A start tag is not closed.", offset: from };
    if (afterSpace === position) return { message: "Attributes must be separated by white space.", offset: position };
    const nameEnd = readName(text, afterSpace);
    if (nameEnd === afterSpace) return { message: `Unexpected "${text[afterSpace] ?? ""}" in a start tag.`, offset: afterSpace };
    const name = text.slice(afterSpace, nameEnd);
    if (manyNames !== undefined ? manyNames.has(name) : names?.includes(name) === true) {
      return { message: `The attribute ${name} appears twice on one element.`, offset: afterSpace };
    }
    if (manyNames !== undefined) manyNames.add(name);
    else if (names === undefined) names = [name];
    else if (names.push(name) > FEW_ATTRIBUTES) manyNames = new Set(names);
    const equals = skipWhitespace(text, nameEnd);
    if (text.charCodeAt(equals) !== EQUALS) return { message: `The attribute ${name} has no value.`, offset: afterSpace };
    const quoteAt = skipWhitespace(text, equals + 1);
    const quote = text.charCodeAt(quoteAt);
    if (quote !== QUOTE && quote !== APOSTROPHE) return { message: `The value of attribute ${name} is not quoted.`, offset: quoteAt };
    const close = text.indexOf(quote === QUOTE ? '"' : "'", quoteAt + 1);
    if (close < 0) return { message: `The value of attribute ${name} is not closed.`, offset: quoteAt };
    if (nextLt === -2) nextLt = text.indexOf("<", quoteAt + 1);
    if (nextLt >= 0 && nextLt < close) return { message: `The value of attribute ${name} contains "<".`, offset: nextLt };
    position = close + 1;
  }
}

/** End of the XML Name starting at `from` (== `from` when there is none). */
function readName(text: string, from: number): number {
  if (!isNameStart(text.charCodeAt(from))) return from;
  let position = from + 1;
  while (isNameChar(text.charCodeAt(position))) position++;
  return position;
}

function isNameStart(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code === 0x3a;
  return isNonAsciiNameStart(code);
}

function isNameChar(code: number): boolean {
  if (code < 0x80) {
    return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x3a || code === 0x2d || code === 0x2e;
  }
  return isNonAsciiNameStart(code) || code === 0xb7 || (code >= 0x300 && code <= 0x36f) || code === 0x203f || code === 0x2040;
}

/** XML 1.0 (5th ed.) NameStartChar above ASCII; a surrogate stands for the planes above the BMP, which are allowed. */
function isNonAsciiNameStart(code: number): boolean {
  return (
    (code >= 0xc0 && code <= 0xd6) ||
    (code >= 0xd8 && code <= 0xf6) ||
    (code >= 0xf8 && code <= 0x2ff) ||
    (code >= 0x370 && code <= 0x37d) ||
    (code >= 0x37f && code <= 0x1fff) ||
    code === 0x200c ||
    code === 0x200d ||
    (code >= 0x2070 && code <= 0x218f) ||
    (code >= 0x2c00 && code <= 0x2fef) ||
    (code >= 0x3001 && code <= 0xdfff) ||
    (code >= 0xf900 && code <= 0xfdcf) ||
    (code >= 0xfdf0 && code <= 0xfffd)
  );
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

function skipWhitespace(text: string, from: number): number {
  let position = from;
  while (isWhitespace(text.charCodeAt(position))) position++;
  return position;
}

function isWhitespaceRun(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isWhitespace(text.charCodeAt(i))) return false;
  return true;
}

function firstNonWhitespace(text: string, from: number): number {
  let position = from;
  while (position < text.length && isWhitespace(text.charCodeAt(position))) position++;
  return position;
}
