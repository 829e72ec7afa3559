import type { ComponentChildren } from "preact";

/** A definition list of label → value; values are text (never HTML), absent ones say so. */
export function Fields({ children }: { readonly children: ComponentChildren }) {
  return <dl class="fields">{children}</dl>;
}

export function Field({ label, value, note, testId }: { readonly label: string; readonly value: string | undefined | null; readonly note?: string | undefined; readonly testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>
        {value === undefined || value === null ? <span class="absent">(absent)</span> : <span class="value">{value}</span>}
        {note !== undefined && <span class="note"> {note}</span>}
      </dd>
    </>
  );
}
