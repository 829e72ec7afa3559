/**
 * Every Keycloak fact has one home, src/core/keycloak (#22): the code elsewhere in src/ spells none of these, it imports
 * them. Comments may name them (they explain, they do not decide). Import paths such as `./console-routes.js` are not
 * the console's path.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../../..");
const HOME = "src/core/keycloak/";

const FACTS: readonly { readonly fact: string; readonly pattern: RegExp; readonly home: string }[] = [
  { fact: "the form key prefix `attributes.`", pattern: /["'`]attributes\./, home: "form-keys.ts (formKey, attributeOfFormKey)" },
  { fact: "the role_list scope", pattern: /role_list/, home: "attributes.ts (ROLE_LIST_SCOPE)" },
  { fact: "the realm descriptor's path", pattern: /\\?\/protocol\\?\/saml\\?\/descriptor/, home: "urls.ts (realmDescriptorUrl, descriptorUrlOfRealm)" },
  { fact: "the console's path", pattern: /\\?\/console(?![\w-])/, home: "console-routes.ts (parseConsolePath, consoleRoot, routeHref)" },
];

/** Keywords after which a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = new Set(["return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "yield", "await"]);

/**
 * The source with its comments blanked out (line breaks kept, so line numbers stay). A small lexer: strings, template
 * literals (with `${…}` nesting) and regular expressions are kept as they are, so a `//` inside them is no comment.
 */
function withoutComments(source: string): string {
  const out = source.split("");
  /** Brace depth of each open `${`, innermost last: its `}` resumes the template. */
  const templates: number[] = [];
  let depth = 0;
  let i = 0;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k += 1) if (out[k] !== "\n") out[k] = " ";
  };
  const regexAllowed = (at: number): boolean => {
    let k = at - 1;
    while (k >= 0 && /\s/.test(source[k] ?? "")) k -= 1;
    if (k < 0) return true;
    const previous = source[k] ?? "";
    // Not after `<` (a JSX closing tag) nor `}` (a JSX expression before `/>`).
    if ("(,=:[!&|?{;+-*%~^>".includes(previous)) return true;
    const word = /[\w$]+$/.exec(source.slice(Math.max(0, k - 10), k + 1))?.[0];
    return word !== undefined && BEFORE_REGEX.has(word);
  };
  const skipQuoted = (quote: string): void => {
    i += 1;
    while (i < source.length && source[i] !== quote && source[i] !== "\n") i += source[i] === "\\" ? 2 : 1;
    i += 1;
  };
  /** From inside a template literal to its end or to a `${`. */
  const skipTemplate = (): void => {
    while (i < source.length) {
      if (source[i] === "`") {
        i += 1;
        return;
      }
      if (source[i] === "$" && source[i + 1] === "{") {
        templates.push(depth);
        depth += 1;
        i += 2;
        return;
      }
      i += source[i] === "\\" ? 2 : 1;
    }
  };
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === "/" && next === "/") {
      const end = source.indexOf("\n", i);
      const stop = end === -1 ? source.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end === -1 ? source.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'") skipQuoted(c);
    else if (c === "`") {
      i += 1;
      skipTemplate();
    } else if (c === "/" && regexAllowed(i)) {
      let inClass = false;
      i += 1;
      while (i < source.length && source[i] !== "\n" && (inClass || source[i] !== "/")) {
        if (source[i] === "\\") i += 1;
        else if (source[i] === "[") inClass = true;
        else if (source[i] === "]") inClass = false;
        i += 1;
      }
      i += 1;
    } else if (c === "{") {
      depth += 1;
      i += 1;
    } else if (c === "}") {
      depth -= 1;
      i += 1;
      if (templates.length > 0 && templates[templates.length - 1] === depth) {
        templates.pop();
        skipTemplate();
      }
    } else i += 1;
  }
  return out.join("");
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** `file:line: code` of every fact spelled outside its home. */
function strays(files: readonly { readonly path: string; readonly text: string }[]): string[] {
  const found: string[] = [];
  for (const { path, text } of files) {
    if (path.startsWith(HOME)) continue;
    withoutComments(text)
      .split("\n")
      .forEach((line, index) => {
        for (const { fact, pattern, home } of FACTS) {
          if (pattern.test(line)) found.push(`${path}:${index + 1}: ${fact} belongs in ${HOME}${home}: ${line.trim()}`);
        }
      });
  }
  return found;
}

describe("every Keycloak fact has one home", () => {
  it("src/ spells no Keycloak fact outside src/core/keycloak", () => {
    const files = sourceFiles(join(root, "src")).map((file) => ({ path: relative(root, file).split("\\").join("/"), text: readFileSync(file, "utf8") }));
    expect(files.some((file) => file.path.startsWith(HOME))).toBe(true);
    expect(strays(files)).toEqual([]);
  });

  it("finds a fact in code, whatever comes before it, and not in comments", () => {
    const found = (text: string) => strays([{ path: "src/content/example.ts", text }]).length;
    expect(found('const key = "attributes.saml.encrypt";')).toBe(1);
    expect(found("const key = `attributes.${name}`;")).toBe(1);
    expect(found("const scope = 'role_list';")).toBe(1);
    expect(found('const url = `${realm}/protocol/saml/descriptor`;')).toBe(1);
    expect(found("const root = /^(.*\\/admin\\/[^/]+\\/console)/.exec(path);")).toBe(1);
    expect(found('const url = "https://kc/admin/master/console/#/acme";')).toBe(1);
    // After a regex holding `//`-like text, a template with nested braces, a division, and JSX.
    expect(found('const a = /[/]\\//.test(x); const b = `${f({ a: 1 })}`; const c = d / 2; const s = "role_list";')).toBe(1);
    expect(found('const v = <p class={x}>text</p>; const s = "role_list";')).toBe(1);
    expect(found('const v = <input value={x} />; const s = "role_list";')).toBe(1);
    expect(found("/** Removes role_list (see /admin/<realm>/console/). */\nconst x = 1; // not role_list\n/* `attributes.x` */")).toBe(0);
    expect(found('import { x } from "./console-routes.js";\nimport { y } from "../platform/console-clients.js";')).toBe(0);
  });
});
