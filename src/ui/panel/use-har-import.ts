/** HAR files the user picks or drops, read one after the other into the session, with progress and a closing line. */
import { useEffect, useState } from "preact/hooks";
import type { PanelHost } from "./host.js";
import { prepareImport, startImport, type Deliver, type ImportJob } from "./import-job.js";
import type { Session } from "./model/session.js";

export interface ImportProgress {
  readonly name: string;
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly job: ImportJob;
}

export interface ImportStatus {
  readonly text: string;
  readonly error: boolean;
}

export interface HarImport {
  /** The file being read, or null. */
  readonly importing: ImportProgress | null;
  /** What the last import found, or why it failed. */
  readonly status: ImportStatus | null;
  readonly clearStatus: () => void;
  readonly importFiles: (files: readonly File[]) => Promise<void>;
}

/** `deliver` runs the reading of each of the import worker's messages (the panel spreads them over frames). */
export function useHarImport(host: PanelHost, session: Session, deliver?: Deliver): HarImport {
  const [importing, setImporting] = useState<ImportProgress | null>(null);
  const [status, setStatus] = useState<ImportStatus | null>(null);
  useEffect(() => prepareImport(host.importWorkerUrl), [host]);

  const importFiles = async (files: readonly File[]) => {
    for (const file of files) {
      setStatus(null);
      const before = session.rows.length;
      // Progress arrives only after the first chunk was read, when `job` is set.
      const job: ImportJob = startImport(
        file,
        host.importWorkerUrl,
        {
          onProgress: ({ bytesRead, totalBytes }) => setImporting({ name: file.name, bytesRead, totalBytes, job }),
          onEntries: (entries) => session.add(entries),
        },
        deliver,
      );
      setImporting({ name: file.name, bytesRead: 0, totalBytes: file.size, job });
      const read = await job.done;
      prepareImport(host.importWorkerUrl);
      setImporting(null);
      if (!read.ok) {
        // The rows shown while the file was read go again: a broken or cancelled file adds nothing.
        session.truncate(before);
        setStatus({ text: `${file.name}: ${read.message}`, error: read.cancelled !== true });
        if (read.cancelled === true) return;
        continue;
      }
      const count = read.messageCount;
      setStatus({ text: `${file.name}: ${count} SAML message${count === 1 ? "" : "s"} in ${read.requestCount} requests.`, error: count === 0 });
    }
  };

  return { importing, status, clearStatus: () => setStatus(null), importFiles };
}
