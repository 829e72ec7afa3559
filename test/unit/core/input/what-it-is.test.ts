/**
 * What the CLI and the panel say a wrong file is, in a person's words (test/unit/cli/wrong-input.test.ts runs the real
 * binary on such files; here the sentences are checked where they are made, each edge on its own).
 */
import { describe, expect, it } from "vitest";
import { binaryKind, describeJsonFailure, describeOtherXml, isText, jsonKind, xmlRootName } from "../../../../src/core/input/what-it-is.js";

const bytes = (...values: number[]) => new Uint8Array(values);

describe("what a file is", () => {
  it("names common binary files by their first bytes, anything else as a binary file", () => {
    expect(binaryKind(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d))).toBe("a PNG image");
    expect(binaryKind(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("a JPEG image");
    expect(binaryKind(bytes(0x47, 0x49, 0x46, 0x38, 0x39))).toBe("a GIF image");
    expect(binaryKind(bytes(0x25, 0x50, 0x44, 0x46, 0x2d))).toBe("a PDF document");
    expect(binaryKind(bytes(0x50, 0x4b, 0x03, 0x04))).toBe("a ZIP archive");
    expect(binaryKind(bytes(0x1f, 0x8b, 0x08, 0x00))).toBe("a gzip-compressed file");
    expect(binaryKind(bytes(0x00, 0x01, 0x02))).toBe("a binary file");
  });

  it("reads text as text: invalid UTF-8 or control characters are not, a character cut at 4 KB still is", () => {
    expect(isText(new TextEncoder().encode('{"log": "ünïcödé"}\n\t'))).toBe(true);
    expect(isText(bytes(0x7b, 0xff, 0xfe, 0x7d))).toBe(false);
    expect(isText(bytes(0x7b, 0x01, 0x7d))).toBe(false);
    const cut = new TextEncoder().encode(`${"a".repeat(4095)}é and more`);
    expect(cut[4095]).toBe(0xc3);
    expect(isText(cut)).toBe(true);
    const broken = new Uint8Array([...cut.subarray(0, 4096), 0xff, 0xfe]);
    expect(isText(broken)).toBe(false);
    expect(isText(bytes(0xc3))).toBe(false);
  });

  it("finds the root element of XML past comments and a DOCTYPE, without its prefix", () => {
    expect(xmlRootName('<?xml version="1.0"?><!-- <Fake> --><!DOCTYPE x [<!ENTITY e "v">]><md:EntityDescriptor entityID="x"/>')).toBe("EntityDescriptor");
    expect(xmlRootName("no xml here")).toBeUndefined();
  });

  it("says that metadata is metadata (either root), and names the root element of other XML", () => {
    for (const root of ["EntityDescriptor", "EntitiesDescriptor"]) {
      expect(describeOtherXml(root)).toBe(
        "This is SAML metadata (EntityDescriptor), not a SAML message: no SAML message found. Give the IdP's metadata to analyze with --idp-metadata FILE, and Sentry's SP metadata to check-client with --sp-metadata FILE.",
      );
    }
    expect(describeOtherXml("Envelope")).toBe("This XML is no SAML message (its root element is <Envelope>, not a Response, AuthnRequest, LogoutRequest or LogoutResponse): no SAML message found.");
    expect(describeOtherXml(undefined)).toContain("its root element is <?>");
  });

  it("tells JSON captures, exports and other JSON apart", () => {
    expect(jsonKind({ log: { entries: [] } })).toBe("har");
    expect(jsonKind({ requests: [] })).toBe("saml-tracer");
    expect(jsonKind({ realm: "acme" })).toBe("realm-export");
    expect(jsonKind({ clients: [] })).toBe("realm-export");
    expect(jsonKind({ clientId: "x" })).toBe("client-export");
    expect(jsonKind([1])).toBe("other");
    expect(jsonKind(null)).toBe("other");
  });

  it("says why JSON did not parse: truncated, XML, not JSON at all", () => {
    const failure = (text: string) => {
      try {
        JSON.parse(text);
      } catch (error) {
        return describeJsonFailure(text, error);
      }
      throw new Error("parsed");
    };
    expect(failure('{"log": {"entries": [')).toMatch(/^The file ends before its JSON is complete: it is truncated/);
    expect(failure("<html></html>")).toBe("This is XML, not JSON.");
    expect(failure("hello world")).toBe('This is not JSON: it starts with "hello world".');
  });
});
