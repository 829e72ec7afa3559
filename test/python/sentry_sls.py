"""What Sentry's SLS view does with an HTTP-Redirect logout message, using the real python3-saml.

Run with the Python of test/support/python.ts (python3-saml 1.15 from PyPI, or Debian's 1.12). Reads JSON on stdin:
  {"now": <epoch seconds>, "profile": {spEntityId, acsUrl, slsUrl, idpEntityId}, "idpCert": "<PEM>",
   "cases": [{"name": ..., "query": "<the query string of the GET to the SLS, as sent>"}]}
Prints JSON: [{"name", "errors": [...], "reason": <last error reason or null>, "exception": <text or null>}];
no errors means python3-saml accepted the message (a LogoutRequest is answered with a redirect to the IdP).

The request data is built as getsentry/sentry's build_auth builds it: `get_data` is Django's request.GET (the
decoded values, the last of a repeated parameter), with no raw `query_string`, so python3-saml re-encodes the values
to check a signature. SAML2SLSView calls `auth.process_slo(delete_session_cb=…, keep_local_session=…)`.
"""
import json
import os
import sys
from urllib.parse import parse_qsl, urlparse

from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.utils import OneLogin_Saml2_Utils

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sentry_saml import logout_error_reason, request_data, saml_config  # noqa: E402


def sentry_sls(config, profile, query):
    sls = urlparse(profile["slsUrl"])
    get_data = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        get_data[name] = value  # QueryDict's [] and .get() give the last value
    auth = OneLogin_Saml2_Auth(request_data(f"{sls.scheme}://{sls.netloc}", sls.path, get_data, {}), config)
    try:
        auth.process_slo(delete_session_cb=lambda: None, keep_local_session=True)
    except Exception as err:  # Sentry does not catch these: HTTP 500
        return {"errors": ["exception"], "reason": None, "exception": f"{type(err).__name__}: {err}"}
    errors = auth.get_errors()
    reason = logout_error_reason(auth, get_data, request_data(f"{sls.scheme}://{sls.netloc}", sls.path, get_data, {}))
    return {"errors": errors, "reason": reason, "exception": None}


def main():
    job = json.load(sys.stdin)
    now = int(job["now"])
    OneLogin_Saml2_Utils.now = staticmethod(lambda: now)
    profile = job["profile"]
    idp = {"entity_id": profile["idpEntityId"], "x509cert": job["idpCert"], "sso_url": "https://keycloak.example.com/realms/demo/protocol/saml", "slo_url": "https://keycloak.example.com/realms/demo/protocol/saml"}
    config = saml_config(profile["spEntityId"], profile["acsUrl"], profile["slsUrl"], idp)
    results = []
    for case in job["cases"]:
        result = sentry_sls(config, profile, case["query"])
        result["name"] = case["name"]
        results.append(result)
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
