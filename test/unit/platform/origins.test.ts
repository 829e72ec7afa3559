import { describe, expect, it } from "vitest";
import { originPattern, patternLabel } from "../../../src/platform/origins.js";

describe("originPattern", () => {
  it("asks for the whole host, without port, path or query (Firefox ignores port-specific grants)", () => {
    expect(originPattern("https://kc.example.com:8443/admin/master/console/#/acme/clients")).toBe("https://kc.example.com/*");
    expect(originPattern("http://127.0.0.1:41234/admin/")).toBe("http://127.0.0.1/*");
    expect(originPattern("http://[::1]:8080/x")).toBe("http://[::1]/*");
  });

  it("refuses pages an extension cannot be enabled on", () => {
    expect(originPattern("chrome://extensions/")).toBeNull();
    expect(originPattern("about:blank")).toBeNull();
    expect(originPattern("file:///tmp/x.html")).toBeNull();
    expect(originPattern("not a url")).toBeNull();
  });

  it("labels a pattern for people", () => {
    expect(patternLabel("https://kc.example.com/*")).toBe("https://kc.example.com");
  });
});
