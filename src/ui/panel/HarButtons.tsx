/** Import HAR files into the recording, and export it as one (redacted by default). */
import { useRef, useState } from "preact/hooks";
import { exportHar } from "../../core/har/export.js";
import { saveFile } from "./download.js";
import type { Session } from "./model/session.js";
import { RedactToggle } from "./RedactToggle.js";

export interface HarButtonsProps {
  readonly session: Session;
  readonly onImport: (files: readonly File[]) => void;
}

export function HarButtons({ session, onImport }: HarButtonsProps) {
  const [redact, setRedact] = useState(true);
  const fileInput = useRef<HTMLInputElement>(null);

  /** A HAR 1.2 file of the captured requests, redacted unless the user turned that off; built in pieces, not one string. */
  const exportFile = () => {
    const { parts } = exportHar(session.requests, { redact });
    saveFile(`saml-lens-${new Date().toISOString().replace(/[:.]/g, "-")}${redact ? "-redacted" : ""}.har`, parts, "application/json");
  };

  return (
    <>
      <button type="button" data-testid="import" onClick={() => fileInput.current?.click()}>
        Import HAR…
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".har,.json,application/json"
        multiple
        hidden
        data-testid="import-file"
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = "";
          onImport(files);
        }}
      />
      <button type="button" data-testid="export" disabled={session.rows.length === 0} onClick={exportFile}>
        Export HAR
      </button>
      <RedactToggle
        redact={redact}
        onChange={setRedact}
        masks="NameIDs, attribute values, e-mail addresses, certificates, signature values, cookies and credentials"
        warning="The export will hold personal data and session cookies."
        testId="export-redact"
        warningTestId="redact-warning"
      />
    </>
  );
}
