/** Reads the parts of a ds:Signature element that verification needs, without judging them yet. */
import { NS, attribute, child, children, textContent, type XmlElement } from "../xml";
import { EXC_C14N_NS } from "./algorithms";

export interface AlgorithmUse {
  readonly algorithm: string | undefined;
  /** exc-c14n InclusiveNamespaces PrefixList, split on whitespace. */
  readonly inclusivePrefixes: readonly string[];
}

export interface SignatureReference {
  /** `undefined` when the attribute is absent, `""` for the whole document. */
  readonly uri: string | undefined;
  readonly transforms: readonly AlgorithmUse[];
  readonly digestAlgorithm: string | undefined;
  readonly digestValue: string | undefined;
}

export interface SignatureParts {
  readonly signedInfo: XmlElement | undefined;
  readonly canonicalization: AlgorithmUse;
  readonly signatureAlgorithm: string | undefined;
  readonly references: readonly SignatureReference[];
  readonly signatureValue: string | undefined;
  /** Base64 bodies of KeyInfo/X509Data/X509Certificate, in document order. */
  readonly certificates: readonly string[];
}

export function readSignature(signature: XmlElement): SignatureParts {
  const signedInfo = child(signature, NS.ds, "SignedInfo");
  const canonicalizationElement = signedInfo && child(signedInfo, NS.ds, "CanonicalizationMethod");
  const signatureMethod = signedInfo && child(signedInfo, NS.ds, "SignatureMethod");
  const references = signedInfo ? children(signedInfo, NS.ds, "Reference").map(readReference) : [];
  const signatureValue = child(signature, NS.ds, "SignatureValue");
  const keyInfo = child(signature, NS.ds, "KeyInfo");
  const certificates: string[] = [];
  if (keyInfo !== undefined) {
    for (const data of children(keyInfo, NS.ds, "X509Data")) {
      for (const certificate of children(data, NS.ds, "X509Certificate")) certificates.push(textContent(certificate));
    }
  }
  return {
    signedInfo,
    canonicalization: readAlgorithmUse(canonicalizationElement),
    signatureAlgorithm: signatureMethod && attribute(signatureMethod, "Algorithm"),
    references,
    signatureValue: signatureValue && textContent(signatureValue),
    certificates,
  };
}

function readReference(reference: XmlElement): SignatureReference {
  const transforms = child(reference, NS.ds, "Transforms");
  const digestMethod = child(reference, NS.ds, "DigestMethod");
  const digestValue = child(reference, NS.ds, "DigestValue");
  return {
    uri: attribute(reference, "URI"),
    transforms: transforms ? children(transforms, NS.ds, "Transform").map(readAlgorithmUse) : [],
    digestAlgorithm: digestMethod && attribute(digestMethod, "Algorithm"),
    digestValue: digestValue && textContent(digestValue),
  };
}

function readAlgorithmUse(element: XmlElement | undefined): AlgorithmUse {
  if (element === undefined) return { algorithm: undefined, inclusivePrefixes: [] };
  const inclusive = child(element, EXC_C14N_NS, "InclusiveNamespaces");
  const list = inclusive && attribute(inclusive, "PrefixList");
  return {
    algorithm: attribute(element, "Algorithm"),
    inclusivePrefixes: list === undefined ? [] : list.split(/\s+/).filter((p) => p !== ""),
  };
}
