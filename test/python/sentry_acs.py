"""What Sentry's ACS view does with a SAMLResponse, using the real python3-saml (Debian's python3-onelogin-saml2).

Run with /usr/bin/python3. Reads JSON on stdin:
  {"now": <epoch seconds>, "profile": {spEntityId, acsUrl, slsUrl, idpEntityId}, "idpCert": "<PEM>",
   "mapping": {"identifier": name, "user_email": name}, "cases": [{"name": ..., "SAMLResponse": <form value>, "binding": "HTTP-POST" (default) or "HTTP-Redirect"}]}
Prints JSON: [{"name", "valid", "error", "stage"}] where stage is
  "exception" (python3-saml raised: Sentry answers HTTP 500), "invalid" (is_valid failed: "SAML SSO failed, <error>"),
  "mapping" (Sentry's attribute mapping failed) or null (logged in).

Settings and request data are built the way getsentry/sentry src/sentry/auth/providers/saml2/provider.py
(build_saml_config, build_auth) builds them. python3-saml reads the clock through OneLogin_Saml2_Utils.now(); it is
pinned to the given instant so that committed fixtures stay valid.
"""
import json
import os
import sys
from urllib.parse import urlparse

from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.utils import OneLogin_Saml2_Utils

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sentry_saml import build_identity, request_data, saml_config  # noqa: E402


def settings(profile, cert):
    # The IdP's SSO/SLO URLs play no part in validating a response.
    idp = {"entity_id": profile["idpEntityId"], "x509cert": cert, "sso_url": "https://keycloak.example.com/realms/demo/protocol/saml", "slo_url": "https://keycloak.example.com/realms/demo/protocol/saml"}
    return saml_config(profile["spEntityId"], profile["acsUrl"], profile["slsUrl"], idp)


def sentry_acs(config, profile, mapping, value, binding="HTTP-POST"):
    acs = urlparse(profile["acsUrl"])
    # HTTP-Redirect: the SAMLResponse arrives in the query string, as Keycloak sends it with Force POST binding off.
    get, post = ({"SAMLResponse": value}, {}) if binding == "HTTP-Redirect" else ({}, {"SAMLResponse": value})
    auth = OneLogin_Saml2_Auth(request_data(f"{acs.scheme}://{acs.netloc}", acs.path, get, post), config)
    try:
        auth.process_response()
    except Exception as err:  # Sentry does not catch these: the user gets an HTTP 500
        return {"valid": False, "error": str(err), "stage": "exception", "exception": type(err).__name__}
    if auth.get_errors():
        return {"valid": False, "error": auth.get_last_error_reason(), "stage": "invalid"}
    _identity, error = build_identity(mapping, auth.get_attributes())
    if error is not None:
        return {"valid": False, "error": error, "stage": "mapping"}
    return {"valid": True, "error": None, "stage": None}


def main():
    job = json.load(sys.stdin)
    now = int(job["now"])
    OneLogin_Saml2_Utils.now = staticmethod(lambda: now)
    config = settings(job["profile"], job["idpCert"])
    results = []
    for case in job["cases"]:
        result = sentry_acs(config, job["profile"], job["mapping"], case["SAMLResponse"], case.get("binding", "HTTP-POST"))
        result["name"] = case["name"]
        results.append(result)
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
