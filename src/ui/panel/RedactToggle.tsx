/** The "Redact" checkbox of every export, with the warning shown while it is off (redaction is the default). */
export function RedactToggle(props: {
  readonly redact: boolean;
  readonly onChange: (redact: boolean) => void;
  /** What gets masked, as a tooltip. */
  readonly masks: string;
  /** What the file holds without redaction. */
  readonly warning: string;
  readonly testId: string;
  readonly warningTestId: string;
}) {
  return (
    <>
      <label class="check" title={`Masks ${props.masks}`}>
        <input type="checkbox" data-testid={props.testId} checked={props.redact} onChange={(event) => props.onChange(event.currentTarget.checked)} />
        Redact
      </label>
      {!props.redact && (
        <span class="warning" role="note" data-testid={props.warningTestId}>
          {props.warning}
        </span>
      )}
    </>
  );
}
