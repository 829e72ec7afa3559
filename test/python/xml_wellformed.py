"""Reads a JSON list of XML documents on stdin and prints, for each, whether python3-saml's own parser
(onelogin.saml2.xmlparser.fromstring: lxml with DTDs and entities forbidden) accepts it, with lxml's message."""
import json
import sys

from onelogin.saml2.xmlparser import fromstring

out = []
for text in json.load(sys.stdin):
    try:
        fromstring(text.encode("utf-8"))
        out.append({"ok": True, "error": None})
    except Exception as error:  # noqa: BLE001 - any refusal is what we compare against
        out.append({"ok": False, "error": f"{type(error).__name__}: {error}"})
json.dump(out, sys.stdout)
