"""Sentry's SAML glue around python3-saml, once, for every Python tool of the test suite.

Mirrors getsentry/sentry src/sentry/auth/providers/saml2/provider.py: `build_saml_config` (settings),
`build_auth` (request data taken from the url-prefix, not from the request) and `SAML2Provider.build_identity`
(the attribute mapping and its error text). Import with `sys.path.insert(0, <repo>/test/python)`.
"""
from urllib.parse import urljoin, urlparse

from onelogin.saml2.constants import OneLogin_Saml2_Constants

MAPPING_FAILED = "Failed to map SAML attributes. Assertion returned the following attribute keys: {keys}"


def absolute_uri(prefix, path):
    """sentry.utils.http.absolute_uri: the url-prefix joined with a route."""
    return urljoin(prefix.rstrip("/") + "/", path.lstrip("/"))


def sentry_endpoints(prefix, org):
    return {
        "entityId": absolute_uri(prefix, f"/saml/metadata/{org}/"),
        "acsUrl": absolute_uri(prefix, f"/saml/acs/{org}/"),
        "slsUrl": absolute_uri(prefix, f"/saml/sls/{org}/"),
    }


def saml_config(entity_id, acs_url, sls_url, idp=None, advanced=None):
    """build_saml_config, given the SP's URLs; `idp` = {entity_id, x509cert, sso_url, slo_url}."""
    avd = advanced or {}
    config = {
        "strict": True,
        "sp": {
            "entityId": entity_id,
            "assertionConsumerService": {"url": acs_url, "binding": OneLogin_Saml2_Constants.BINDING_HTTP_POST},
            "singleLogoutService": {"url": sls_url, "binding": OneLogin_Saml2_Constants.BINDING_HTTP_REDIRECT},
        },
        "security": {
            "authnRequestsSigned": avd.get("authn_request_signed", False),
            "logoutRequestSigned": avd.get("logout_request_signed", False),
            "logoutResponseSigned": avd.get("logout_response_signed", False),
            "signMetadata": avd.get("metadata_signed", False),
            "wantMessagesSigned": avd.get("want_message_signed", False),
            "wantAssertionsSigned": avd.get("want_assertion_signed", False),
            "wantAssertionsEncrypted": avd.get("want_assertion_encrypted", False),
            "signatureAlgorithm": avd.get("signature_algorithm", OneLogin_Saml2_Constants.RSA_SHA256),
            "digestAlgorithm": avd.get("digest_algorithm", OneLogin_Saml2_Constants.SHA256),
            "wantNameId": False,
            "requestedAuthnContext": False,
        },
    }
    if idp is not None:
        config["idp"] = {
            "entityId": idp["entity_id"],
            "x509cert": idp["x509cert"],
            "singleSignOnService": {"url": idp["sso_url"]},
            "singleLogoutService": {"url": idp["slo_url"]},
        }
    return config


def sentry_saml_config(prefix, org, idp=None, advanced=None):
    endpoints = sentry_endpoints(prefix, org)
    return saml_config(endpoints["entityId"], endpoints["acsUrl"], endpoints["slsUrl"], idp, advanced)


def request_data(url_prefix, path, get_data, post_data):
    """build_auth's request: scheme, host and port come from Sentry's url-prefix."""
    url = urlparse(url_prefix)
    return {
        "https": "on" if url.scheme == "https" else "off",
        "http_host": url.hostname,
        "script_name": path,
        "server_port": url.port,
        "get_data": get_data,
        "post_data": post_data,
    }


def build_identity(attribute_mapping, raw_attributes):
    """SAML2Provider.build_identity: returns (identity, error message)."""
    attributes = {}
    for key, provider_key in attribute_mapping.items():
        attribute_list = raw_attributes.get(provider_key, [""])
        attributes[key] = attribute_list[0] if len(attribute_list) > 0 else ""
    if not attributes.get("identifier") or not attributes.get("user_email"):
        keys = ", ".join(repr(key) for key in sorted(raw_attributes.keys()))
        return None, MAPPING_FAILED.format(keys=keys)
    name = " ".join(attributes[k] for k in ("first_name", "last_name") if attributes.get(k))
    return {"id": attributes["identifier"], "email": attributes["user_email"], "name": name}, None


def logout_error_reason(auth, get_data, data):
    """process_slo's reason for refusing a logout message. python3-saml 1.12 kept is_valid's error as the last error
    reason; 1.13+ keep none (Sentry shows nothing either way), so ask the message itself: the validation is the same."""
    from onelogin.saml2.logout_request import OneLogin_Saml2_Logout_Request
    from onelogin.saml2.logout_response import OneLogin_Saml2_Logout_Response

    reason = auth.get_last_error_reason()
    errors = auth.get_errors()
    if reason is not None or not ("invalid_logout_request" in errors or "invalid_logout_response" in errors):
        return reason
    settings = auth.get_settings()
    if "SAMLRequest" in get_data:
        message = OneLogin_Saml2_Logout_Request(settings, get_data["SAMLRequest"])
    else:
        message = OneLogin_Saml2_Logout_Response(settings, get_data["SAMLResponse"])
    message.is_valid(data)
    return message.get_error()
