"""What Sentry's ACS view does with a SAMLResponse, using the real python3-saml (Debian's python3-onelogin-saml2).

Run with /usr/bin/python3. Reads JSON on stdin:
  {"now": <epoch seconds>, "profile": {spEntityId, acsUrl, slsUrl, idpEntityId}, "idpCert": "<PEM>",
   "mapping": {"identifier": name, "user_email": name}, "cases": [{"name": ..., "SAMLResponse": <form value>}]}
Prints JSON: [{"name", "valid", "error", "stage"}] where stage is
  "exception" (python3-saml raised: Sentry answers HTTP 500), "invalid" (is_valid failed: "SAML SSO failed, <error>"),
  "mapping" (Sentry's attribute mapping failed) or null (logged in).

Settings and request data are built the way getsentry/sentry src/sentry/auth/providers/saml2/provider.py
(build_saml_config, build_auth) builds them. python3-saml reads the clock through OneLogin_Saml2_Utils.now(); it is
pinned to the given instant so that committed fixtures stay valid.
"""
import json
import sys
from urllib.parse import urlparse

from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.constants import OneLogin_Saml2_Constants
from onelogin.saml2.utils import OneLogin_Saml2_Utils


def settings(profile, cert):
    return {
        "strict": True,
        "sp": {
            "entityId": profile["spEntityId"],
            "assertionConsumerService": {"url": profile["acsUrl"], "binding": OneLogin_Saml2_Constants.BINDING_HTTP_POST},
            "singleLogoutService": {"url": profile["slsUrl"], "binding": OneLogin_Saml2_Constants.BINDING_HTTP_REDIRECT},
        },
        "security": {
            "authnRequestsSigned": False,
            "logoutRequestSigned": False,
            "logoutResponseSigned": False,
            "signMetadata": False,
            "wantMessagesSigned": False,
            "wantAssertionsSigned": False,
            "wantAssertionsEncrypted": False,
            "signatureAlgorithm": OneLogin_Saml2_Constants.RSA_SHA256,
            "digestAlgorithm": OneLogin_Saml2_Constants.SHA256,
            "wantNameId": False,
            "requestedAuthnContext": False,
        },
        "idp": {
            "entityId": profile["idpEntityId"],
            "x509cert": cert,
            "singleSignOnService": {"url": "https://keycloak.example.com/realms/demo/protocol/saml"},
            "singleLogoutService": {"url": "https://keycloak.example.com/realms/demo/protocol/saml"},
        },
    }


def request_data(acs_url, value):
    url = urlparse(acs_url)
    return {
        "https": "on" if url.scheme == "https" else "off",
        "http_host": url.hostname,
        "script_name": url.path,
        "server_port": url.port,
        "get_data": {},
        "post_data": {"SAMLResponse": value},
    }


def sentry_acs(config, profile, mapping, value):
    auth = OneLogin_Saml2_Auth(request_data(profile["acsUrl"], value), config)
    try:
        auth.process_response()
    except Exception as err:  # Sentry does not catch these: the user gets an HTTP 500
        return {"valid": False, "error": str(err), "stage": "exception", "exception": type(err).__name__}
    if auth.get_errors():
        return {"valid": False, "error": auth.get_last_error_reason(), "stage": "invalid"}
    attributes = auth.get_attributes()
    mapped = {}
    for key, provider_key in mapping.items():
        values = attributes.get(provider_key, [""])
        mapped[key] = values[0] if len(values) > 0 else ""
    if not mapped["identifier"] or not mapped["user_email"]:
        keys = ", ".join(repr(key) for key in sorted(attributes.keys()))
        return {"valid": False, "error": f"Failed to map SAML attributes. Assertion returned the following attribute keys: {keys}", "stage": "mapping"}
    return {"valid": True, "error": None, "stage": None}


def main():
    job = json.load(sys.stdin)
    now = int(job["now"])
    OneLogin_Saml2_Utils.now = staticmethod(lambda: now)
    config = settings(job["profile"], job["idpCert"])
    results = []
    for case in job["cases"]:
        result = sentry_acs(config, job["profile"], job["mapping"], case["SAMLResponse"])
        result["name"] = case["name"]
        results.append(result)
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
