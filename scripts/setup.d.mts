// Types of scripts/setup.mjs for the TypeScript tests that import it.
export interface Need {
  readonly apt: string;
  readonly why: string;
  readonly present: { readonly file?: string; readonly command?: string; readonly ensurepip?: true };
  readonly for: "start" | "test";
}
export type Purpose = "start" | "test";
export type InstallPlan =
  | { readonly action: "none" }
  | { readonly action: "install"; readonly packages: string[]; readonly prefix: string[]; readonly command: string[] }
  | { readonly action: "tell"; readonly packages: string[]; readonly command: string };
export const NEEDS: readonly Need[];
export function missingNeeds(purpose: Purpose, probe?: { file(path: string): boolean; command(name: string): boolean; ensurepip?(): boolean }): Need[];
export const PYTHON_PACKAGES: readonly string[];
export const VENV: string;
export function ensurePythonVenv(log?: (line: string) => void): boolean;
export function installPlan(missing: readonly Need[], who: { root: boolean; sudo: boolean }): InstallPlan;
export function ensureSystem(purpose?: Purpose, log?: (line: string) => void): number;
