/** The lines under the header: Firefox delivering no network events, and the progress and outcome of an import. */
import type { ImportProgress, ImportStatus } from "./use-har-import.js";

const FIREFOX_SILENCE = "Firefox sends network events to extensions only after the Network panel has been opened once in this toolbox.";

export function SilenceNotice({ openRecorder }: { readonly openRecorder: (() => void) | undefined }) {
  return (
    <p class="notice" role="alert" data-testid="firefox-silence">
      {FIREFOX_SILENCE} Open the Network panel of this toolbox once, then reload the page; this panel then records it.
      {openRecorder !== undefined && (
        <>
          {" "}Or record without DevTools:{" "}
          <button type="button" data-testid="open-recorder" onClick={openRecorder}>
            Open the standalone recorder
          </button>
        </>
      )}
    </p>
  );
}

export function ImportProgressNotice({ importing }: { readonly importing: ImportProgress }) {
  return (
    <p class="notice" role="status" data-testid="import-progress" data-bytes-read={importing.bytesRead} data-total-bytes={importing.totalBytes}>
      Reading {importing.name}… {megabytes(importing.bytesRead)} of {megabytes(importing.totalBytes)}{" "}
      <progress value={importing.bytesRead} max={Math.max(importing.totalBytes, 1)} />{" "}
      <button type="button" data-testid="import-cancel" onClick={() => importing.job.cancel()}>
        Cancel
      </button>
    </p>
  );
}

export function ImportStatusNotice({ status }: { readonly status: ImportStatus }) {
  return (
    <p class={status.error ? "notice error" : "notice"} role="status" data-testid="import-status">
      {status.text}
    </p>
  );
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
