"""Sentry's SAML2 setup forms (getsentry/sentry src/sentry/auth/providers/saml2/forms.py @c1fce28): their fields and
labels, Django's validation of them reduced to what these forms use, and process_metadata, which reads the IdP's
metadata from a URL or pasted XML with python3-saml's OneLogin_Saml2_IdPMetadataParser, as Sentry does.
"""
import re
import urllib.error
import urllib.request
from urllib.parse import urlparse

from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser

# forms.py
ERR_PARSE_METADATA = "Failed to parse provided SAML2 metadata"
# Django's own field errors
ERR_REQUIRED = "This field is required."
ERR_URL = "Enter a valid URL."

# forms.py: (name, label, kind, required); kind "url" is a Django URLField.
URL_FORM = [("metadata_url", "Metadata URL", "url", True)]
XML_FORM = [("metadata_xml", "Metadata XML", "textarea", True)]
SAML_FORM = [
    ("entity_id", "Entity ID", "text", True),
    ("sso_url", "Single Sign On URL", "url", True),
    ("slo_url", "Single Log Out URL", "url", False),
    ("x509cert", "x509 public certificate", "textarea", True),
]
MAPPING_FORM = [
    ("identifier", "IdP User ID", "text", True),
    ("user_email", "User Email", "text", True),
    ("first_name", "First Name", "text", False),
    ("last_name", "Last Name", "text", False),
]
# generic/views.py SelectIdP: action_save names the tab; its form, its button (select-idp.html).
METADATA_TABS = {
    "url": ("Metadata URL", URL_FORM, "Get metadata", "Provide a Metadata URL to retrieve the IdP details."),
    "xml": ("XML", XML_FORM, "Parse Metadata", "Provide the raw Metadata XML IdP details."),
    "idp": ("IdP Data", SAML_FORM, "Save Metadata", "Provide your individual Identity Provider metadata fields."),
}


HOST = re.compile(r"(?:[^@/\s]+@)?(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?")


def clean_url(value):
    """Django's URLField, simplified: a value without a scheme gets http:// (URLField.to_python), then it must be an
    http(s)/ftp(s) URL whose host is a name, an IPv4 or a bracketed IPv6 address, with no spaces (URLValidator)."""
    if "://" not in value:
        value = "http://" + value
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https", "ftp", "ftps") or not HOST.fullmatch(parsed.netloc) or any(c.isspace() for c in value):
        return None
    return value


def clean_form(fields, data):
    """A Django form's is_valid() + cleaned_data: values stripped; missing required fields and bad URLs get errors."""
    cleaned, errors = {}, {}
    for name, _label, kind, required in fields:
        value = (data.get(name) or "").strip()
        if value == "":
            if required:
                errors[name] = [ERR_REQUIRED]
            cleaned[name] = ""
            continue
        if kind == "url":
            value = clean_url(value)
            if value is None:
                errors[name] = [ERR_URL]
                continue
        cleaned[name] = value
    return cleaned, errors


def extract_idp_data(data):
    """forms.py extract_idp_data_from_parsed_data."""
    idp = data.get("idp", {})
    cert = idp.get("x509cert", idp.get("x509certMulti", {}).get("signing", [None])[0])
    return {
        "entity_id": idp.get("entityId"),
        "sso_url": idp.get("singleSignOnService", {}).get("url"),
        "slo_url": idp.get("singleLogoutService", {}).get("url"),
        "x509cert": cert,
    }


def fetch_metadata(url):
    """sentry.http.safe_urlopen(url).content: any HTTP status is read as content; an unreachable URL raises."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - the bench fetches what the user typed
            return response.read()
    except urllib.error.HTTPError as error:
        return error.read()


def process_metadata(op, data):
    """forms.py process_metadata: returns (idp, form errors, form-wide errors)."""
    cleaned, errors = clean_form(METADATA_TABS[op][1], data)
    if errors:
        return None, errors, []
    try:
        if op == "url":
            idp = extract_idp_data(OneLogin_Saml2_IdPMetadataParser.parse(fetch_metadata(cleaned["metadata_url"])))
        elif op == "xml":
            idp = extract_idp_data(OneLogin_Saml2_IdPMetadataParser.parse(cleaned["metadata_xml"].encode("utf8")))
        else:
            idp = cleaned
    except Exception:  # noqa: BLE001 - process_metadata catches every exception of the processor
        return None, {}, [ERR_PARSE_METADATA]
    _saml, saml_errors = clean_form(SAML_FORM, {key: value or "" for key, value in idp.items()})
    if saml_errors:
        listed = ", ".join(f"{name}: {', '.join(messages)}" for name, messages in saml_errors.items())
        return None, {}, [f"Invalid metadata: {listed}"]
    return idp, {}, []
