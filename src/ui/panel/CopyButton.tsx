import { useState } from "preact/hooks";
import { copyText } from "./copy.js";

export function CopyButton({ text, label = "Copy", testId }: { readonly text: string; readonly label?: string; readonly testId?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    setState((await copyText(text)) ? "copied" : "failed");
    setTimeout(() => setState("idle"), 1500);
  };
  return (
    <button type="button" class="copy" data-testid={testId} onClick={() => void copy()} aria-live="polite">
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label}
    </button>
  );
}
