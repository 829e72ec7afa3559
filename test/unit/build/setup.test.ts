/** The set-up module's decisions (scripts/setup.mjs) over a faked machine: what is missing → what it runs or prints. */
import { describe, expect, it } from "vitest";
import { installPlan, missingNeeds, NEEDS } from "../../../scripts/setup.mjs";

const machine = (absent: readonly string[]) => ({
  file: (path: string) => !absent.some((name) => path.includes(name)),
  command: (name: string) => !absent.includes(name),
  ensurepip: () => !absent.includes("ensurepip"),
});

describe("set-up", () => {
  it("a ready machine needs nothing", () => {
    expect(missingNeeds("test", machine([]))).toEqual([]);
    expect(installPlan([], { root: false, sudo: false })).toEqual({ action: "none" });
  });

  it("npm start needs the browser and python3-saml, not the Keycloak tools; npm test needs those too", () => {
    const bare = machine(["chromium", "onelogin", "mvn", "java", "firefox-esr"]);
    expect(missingNeeds("start", bare).map((need) => need.apt)).toEqual(["chromium", "python3-onelogin-saml2"]);
    expect(missingNeeds("test", bare).map((need) => need.apt)).toEqual(["chromium", "python3-onelogin-saml2", "firefox-esr", "maven", "openjdk-17-jre-headless"]);
  });

  it("installs as root, through sudo otherwise, and else prints the one command", () => {
    const missing = missingNeeds("test", machine(["chromium", "mvn"]));
    expect(installPlan(missing, { root: true, sudo: false })).toMatchObject({ action: "install", prefix: [], packages: ["chromium", "maven"] });
    expect(installPlan(missing, { root: false, sudo: true })).toMatchObject({ action: "install", prefix: ["sudo"] });
    expect(installPlan(missing, { root: false, sudo: false })).toEqual({
      action: "tell",
      packages: ["chromium", "maven"],
      command: "sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium maven",
    });
  });

  it("a Debian without ensurepip gets python3-venv, for python3-saml from PyPI", () => {
    expect(missingNeeds("start", machine(["ensurepip"])).map((need) => need.apt)).toEqual(["python3-venv"]);
  });

  it("every need says why and how it is detected", () => {
    for (const need of NEEDS) expect(need.why.length > 10 && (need.present.file ?? need.present.command ?? need.present.ensurepip) !== undefined).toBe(true);
  });
});
