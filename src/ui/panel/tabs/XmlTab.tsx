/**
 * The message's XML as a tree of spans: every name, value and text is a text node (never markup), so a value such as
 * `<script>` shows as those characters. Elements with children fold. "Redact" (on by default) applies to what is
 * shown, copied and downloaded alike, with the same core redaction as the HAR export.
 */
import { useMemo, useState } from "preact/hooks";
import { Pseudonyms } from "../../../core/har/pseudonyms.js";
import { redactSamlXml } from "../../../core/har/redact-xml.js";
import { parseXml, type XmlElement, type XmlNode } from "../../../core/saml/xml.js";
import { CopyButton } from "../CopyButton.js";
import { RedactToggle } from "../RedactToggle.js";
import { saveFile } from "../download.js";
import { xmlFile, type XmlLayout } from "../model/xml-download.js";
import { attributesOf, meaningfulChildren, prettyXml } from "../model/xml-text.js";

export interface XmlTabProps {
  readonly xml: string | null;
  /** Name the downloaded file. */
  readonly kind: string | undefined;
  readonly id: string | undefined;
}

export function XmlTab({ xml, kind, id }: XmlTabProps) {
  const [layout, setLayout] = useState<XmlLayout>("original");
  const [redact, setRedact] = useState(true);
  const shown = useMemo(() => (xml === null || !redact ? xml : redactSamlXml(xml, new Pseudonyms()).xml), [xml, redact]);
  const parsed = useMemo(() => (shown === null ? undefined : parseXml(shown)), [shown]);
  const pretty = useMemo(() => (parsed?.ok === true ? prettyXml(parsed.root) : (shown ?? "")), [parsed, shown]);
  if (xml === null) return <p data-testid="tab-xml">The value could not be decoded to XML; see Diagnostics.</p>;
  const download = () => {
    const file = xmlFile(xml, kind, id, { layout, redact });
    saveFile(file.name, [file.text], "application/xml");
  };
  return (
    <div data-testid="tab-xml">
      <div class="actions" role="toolbar" aria-label="XML">
        <CopyButton text={pretty} label="Copy XML" testId="copy-xml" />
        <button type="button" data-testid="download-xml" onClick={download}>
          Download XML
        </button>
        <select aria-label="Layout of the downloaded XML" data-testid="download-xml-layout" value={layout} onChange={(event) => setLayout(event.currentTarget.value === "pretty" ? "pretty" : "original")}>
          <option value="original">as received</option>
          <option value="pretty">indented</option>
        </select>
        <RedactToggle
          redact={redact}
          onChange={setRedact}
          masks="the NameID, attribute values, e-mail addresses, certificates and signature values"
          warning="The view, the copy and the file show the user's personal data."
          testId="download-xml-redact"
          warningTestId="download-xml-warning"
        />
      </div>
      {parsed?.ok === true ? (
        <div class="xml" data-testid="xml-tree">
          <ElementView element={parsed.root} depth={0} />
        </div>
      ) : (
        <>
          <p class="error">{parsed?.ok === false ? parsed.error.message : ""}</p>
          <pre class="xml">{shown}</pre>
        </>
      )}
    </div>
  );
}

function ElementView({ element, depth }: { readonly element: XmlElement; readonly depth: number }) {
  // Signatures are long and rarely read: folded at first, like everything below the assertion's level.
  const [open, setOpen] = useState(element.local !== "Signature" && depth < 6);
  const children = meaningfulChildren(element);
  const textOnly = children.every((node) => node.kind === "text");
  const openTag = (
    <>
      <span class="xml-punct">&lt;</span>
      <span class="xml-tag">{element.name}</span>
      {attributesOf(element).map((attribute) => (
        <span key={attribute.name}>
          {" "}
          <span class="xml-attr">{attribute.name}</span>
          <span class="xml-punct">="</span>
          <span class="xml-value">{attribute.value}</span>
          <span class="xml-punct">"</span>
        </span>
      ))}
    </>
  );
  const closeTag = (
    <>
      <span class="xml-punct">&lt;/</span>
      <span class="xml-tag">{element.name}</span>
      <span class="xml-punct">&gt;</span>
    </>
  );
  if (children.length === 0) {
    return (
      <div class="xml-line">
        {openTag}
        <span class="xml-punct">/&gt;</span>
      </div>
    );
  }
  if (textOnly) {
    return (
      <div class="xml-line">
        {openTag}
        <span class="xml-punct">&gt;</span>
        <span class="xml-text">{children.map((node) => (node.kind === "text" ? node.value : "")).join("")}</span>
        {closeTag}
      </div>
    );
  }
  return (
    <div class="xml-element">
      <div class="xml-line">
        <button type="button" class="xml-toggle" aria-expanded={open} aria-label={`${open ? "Collapse" : "Expand"} ${element.name}`} onClick={() => setOpen(!open)}>
          {open ? "▾" : "▸"}
        </button>
        {openTag}
        <span class="xml-punct">&gt;</span>
        {!open && (
          <>
            <span class="xml-ellipsis">…</span>
            {closeTag}
          </>
        )}
      </div>
      {open && (
        <div class="xml-children">
          {children.map((node, index) => (
            <NodeView key={index} node={node} depth={depth + 1} />
          ))}
          <div class="xml-line">{closeTag}</div>
        </div>
      )}
    </div>
  );
}

function NodeView({ node, depth }: { readonly node: XmlNode; readonly depth: number }) {
  if (node.kind === "element") return <ElementView element={node} depth={depth} />;
  if (node.kind === "comment") return <div class="xml-line xml-comment">{`<!--${node.value}-->`}</div>;
  return <div class="xml-line xml-text">{node.value.trim()}</div>;
}
