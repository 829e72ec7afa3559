#!/usr/bin/python3
"""A Sentry-grade SAML service provider for the test bench.

It validates with Debian's python3-saml (python3-onelogin-saml2) configured exactly as Sentry configures it: the
settings come from `build_saml_config` and the request data from `build_auth` in getsentry/sentry
`src/sentry/auth/providers/saml2/provider.py`, and the attribute mapping from `SAML2Provider.build_identity`. The user
sees Sentry's own texts: "SAML SSO failed, {reason}" and "Failed to map SAML attributes. Assertion returned the
following attribute keys: ...". Exceptions that Sentry does not catch (python3-saml raising instead of returning an
error) become an HTTP 500, as they do in Sentry.

Simplified: no Django, no users, no organization membership. One process serves any number of organizations, and any
org slug can be set up as in Sentry: Settings → Auth → SAML2 (sentry_settings.py).

Routes (O = org slug):
  GET  /settings/O/auth/     Sentry's org auth settings: the provider list (Configure SAML2), or, once set up, a redirect
                             to the next page
  POST /organizations/O/auth/configure/
                             the SAML2 setup as in Sentry: Metadata URL (fetched by the SP), Metadata XML or IdP Data;
                             then the attribute mapping (IdP User ID, User Email, First Name, Last Name); then a login
                             through the IdP, and the org is configured only when that login maps ("sso-configured")
  GET|POST /organizations/O/auth/configure/
                             once set up: the org's IdP fields and attribute mapping, saved as typed (no test login),
                             and Disable
  GET  /saml/metadata/O/     SP metadata (what Sentry serves at its entity ID)
  GET  /auth/login/O/        SP-initiated login: redirects to the IdP with an AuthnRequest (HTTP-Redirect)
  POST /saml/acs/O/          assertion consumer service (HTTP-POST)
  GET  /saml/sls/O/          single logout service (HTTP-Redirect)
  PUT  /__sp/orgs/O          for tests: JSON {idp: {entity_id, x509cert, sso_url, slo_url}, attribute_mapping: {...}},
                             what the settings pages store
  GET  /__sp/results         JSON list of every ACS outcome, newest last (the setup's login has "flow": "setup")
  POST /__sp/reset           forget orgs, results and the settings pages' sessions
Run: /usr/bin/python3 sentry_sp.py --port 0 [--url-prefix URL]; prints "listening <port>" when ready.
"""
import argparse
import html
import json
import sys
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import os

from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.settings import OneLogin_Saml2_Settings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../python"))
from sentry_saml import build_identity, logout_error_reason, request_data, sentry_endpoints, sentry_saml_config  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sentry_settings import Settings  # noqa: E402

ERR_SAML_FAILED = "SAML SSO failed, {reason}"
ERR_NO_SAML_SSO = "The organization does not exist or does not have SAML SSO enabled."

state = {"url_prefix": "", "orgs": {}, "results": []}
lock = threading.Lock()


PIPELINE_COOKIE = "sentry_saml_pipeline"


def pipeline_cookie(org, clear=False):
    """Sentry keeps its auth pipeline in the Django session; the SP keeps only which org's login is under way."""
    return f"{PIPELINE_COOKIE}={'' if clear else org}; Path=/; HttpOnly" + ("; Max-Age=0" if clear else "")


def pipeline_org(cookie_header):
    for part in (cookie_header or "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == PIPELINE_COOKIE and value:
            return value
    return None


def build_saml_config(provider_config, org):
    """Sentry's build_saml_config for an org of this SP."""
    return sentry_saml_config(state["url_prefix"], org, provider_config.get("idp"), provider_config.get("advanced"))


class Saml:
    """What the settings pages need of Sentry's SAML glue."""

    @staticmethod
    def auth(handler, provider_config, org, get_data, post_data):
        return handler.build_auth(build_saml_config(provider_config, org), get_data, post_data)

    @staticmethod
    def entity_id(org):
        return sentry_endpoints(state["url_prefix"], org)["entityId"]


settings_pages = Settings(state, lock, Saml())


class Handler(BaseHTTPRequestHandler):
    server_version = "SentryGradeSP/1"

    def log_message(self, fmt, *args):  # quiet: tests read /__sp/results
        pass

    def send(self, status, body, content_type="text/html; charset=utf-8", headers=None):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def page(self, status, title, text, kind, headers=None):
        body = (
            f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
            f"<body><h1>{html.escape(title)}</h1><p id='sentry-message' data-kind='{kind}'>{html.escape(text)}</p></body></html>"
        )
        self.send(status, body, headers=headers)

    def build_auth(self, saml_config, get_data, post_data):
        """Sentry's build_auth: host, port and scheme come from the url-prefix, not from the request."""
        return OneLogin_Saml2_Auth(request_data(state["url_prefix"], urlparse(self.path).path, get_data, post_data), saml_config)

    def org_route(self, prefix):
        path = urlparse(self.path).path
        if not path.startswith(prefix) or not path.endswith("/"):
            return None
        slug = path[len(prefix):-1]
        return slug if slug and "/" not in slug else None

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def record(self, entry):
        with lock:
            state["results"].append(entry)

    def append_slash(self):
        """Django's CommonMiddleware with APPEND_SLASH (Sentry's setting): a Sentry URL without its trailing slash gets a
        301 to the same URL with it, query kept. A browser follows a 301 after a POST with a GET, without the form."""
        parsed = urlparse(self.path)
        if parsed.path.endswith("/") or not parsed.path.startswith(("/saml/", "/auth/login/", "/settings/", "/organizations/")):
            return False
        location = parsed.path + "/" + (("?" + parsed.query) if parsed.query else "")
        self.record({"status": 301, "outcome": "append-slash", "path": parsed.path, "method": self.command})
        self.send(301, "", "text/plain", {"Location": location})
        return True

    def do_GET(self):
        if self.append_slash():
            return
        try:
            self.route_get()
        except Exception:  # noqa: BLE001 - Sentry answers an uncaught exception with a 500
            self.server_error()

    def do_POST(self):
        if self.append_slash():
            return
        try:
            self.route_post()
        except Exception:  # noqa: BLE001
            self.server_error()

    def do_PUT(self):
        path = urlparse(self.path).path
        if path.startswith("/__sp/orgs/"):
            config = json.loads(self.body() or b"{}")
            with lock:
                state["orgs"][path[len("/__sp/orgs/"):]] = config
            return self.send(204, "", "text/plain")
        self.send(404, "not found", "text/plain")

    def server_error(self):
        detail = traceback.format_exc()
        self.record({"status": 500, "outcome": "server-error", "error": detail.strip().splitlines()[-1]})
        sys.stderr.write(detail)
        self.page(500, "Server Error", "Internal Server Error", "server-error")

    def route_get(self):
        path = urlparse(self.path).path
        query = parse_qs(urlparse(self.path).query)
        get_data = {key: values[0] for key, values in query.items()}
        if path == "/__sp/results":
            with lock:
                return self.send(200, json.dumps(state["results"]), "application/json")
        org = self.org_route("/saml/metadata/")
        if org is not None:
            config = state["orgs"].get(org, {})
            settings = OneLogin_Saml2_Settings(settings=build_saml_config(config, org), sp_validation_only=True)
            metadata = settings.get_sp_metadata()
            errors = settings.validate_metadata(metadata)
            if errors:
                return self.send(500, "\n".join(errors), "plain/text")
            return self.send(200, metadata.decode("utf-8") if isinstance(metadata, bytes) else metadata, "text/xml")
        org = self.org_route("/auth/login/")
        if org is not None:
            config = state["orgs"].get(org)
            if config is None or "idp" not in config:
                return self.page(404, "Login", ERR_NO_SAML_SSO, "no-sso")
            auth = self.build_auth(build_saml_config(config, org), get_data, {})
            return self.send(302, "", "text/plain", {"Location": auth.login(), "Set-Cookie": pipeline_cookie(org)})
        org = self.org_route("/saml/acs/")
        if org is not None:
            config = state["orgs"].get(org, {})
            if pipeline_org(self.headers.get("Cookie")) != org:
                # No login under way (IdP-initiated): Sentry's first pipeline step, SAML2LoginView, finds no
                # SAMLResponse in the POST data and starts an SP-initiated login instead.
                self.record({"status": 302, "outcome": "login-restarted", "org": org})
                auth = self.build_auth(build_saml_config(config, org), {}, {})
                return self.send(302, "", "text/plain", {"Location": auth.login(), "Set-Cookie": pipeline_cookie(org)})
            # A login under way reaches the ACS step, which calls process_response whatever the method; without a
            # POSTed SAMLResponse (e.g. Force POST binding off) it raises "SAML Response not found, Only supported
            # HTTP_POST Binding": a 500.
            auth = self.build_auth(build_saml_config(config, org), get_data, {})
            auth.process_response()
            return self.page(200, "Login", "unexpected", "saml-failed")
        org = self.org_route("/saml/sls/")
        if org is not None:
            config = state["orgs"].get(org)
            if config is None:
                return self.page(302, "Logout", ERR_NO_SAML_SSO, "no-sso")
            auth = self.build_auth(build_saml_config(config, org), get_data, {})
            redirect_to = auth.process_slo(delete_session_cb=lambda: None, keep_local_session=True)
            errors = auth.get_errors()
            reason = logout_error_reason(auth, get_data, request_data(state["url_prefix"], urlparse(self.path).path, get_data, {}))
            self.record({"status": 302, "outcome": "logout", "org": org, "errors": errors, "reason": reason})
            return self.send(302, "", "text/plain", {"Location": redirect_to or "/auth/login/"})
        if settings_pages.handle(self, "GET", path, {}):
            return
        self.send(404, "not found", "text/plain")

    def route_post(self):
        path = urlparse(self.path).path
        if path == "/__sp/reset":
            with lock:
                state["orgs"].clear()
                state["results"].clear()
                settings_pages.reset()
            return self.send(204, "", "text/plain")
        if path.startswith(("/settings/", "/organizations/")):
            form = parse_qs(self.body().decode("utf-8", "replace"), keep_blank_values=True)
            if settings_pages.handle(self, "POST", path, {key: values[0] for key, values in form.items()}):
                return
            return self.send(404, "not found", "text/plain")
        org = self.org_route("/saml/sls/")
        if org is not None:
            # Sentry's SLS view calls process_slo for any method; without a SAMLRequest/SAMLResponse in the query it
            # raises "SAML LogoutRequest/LogoutResponse not found. Only supported HTTP_REDIRECT Binding": a 500.
            config = state["orgs"].get(org, {})
            auth = self.build_auth(build_saml_config(config, org), {}, {})
            auth.process_slo(delete_session_cb=lambda: None, keep_local_session=True)
            return self.send(302, "", "text/plain", {"Location": "/auth/login/"})
        org = self.org_route("/saml/acs/")
        if org is None:
            return self.send(404, "not found", "text/plain")
        # Django's request.POST: url-decoded form fields, first value of each.
        form = parse_qs(self.body().decode("latin-1"), keep_blank_values=True)
        post_data = {key: values[0] for key, values in form.items()}
        # SAML2AcceptACSView: a pipeline in this browser's session (here: the org's setup awaiting its test login) goes first.
        if settings_pages.setup_acs(self, org, post_data):
            return
        config = state["orgs"].get(org)
        if config is None or "idp" not in config:
            self.record({"status": 302, "outcome": "no-sso", "org": org, "message": ERR_NO_SAML_SSO})
            return self.page(200, "Login", ERR_NO_SAML_SSO, "no-sso")
        auth = self.build_auth(build_saml_config(config, org), {}, post_data)
        auth.process_response()
        if auth.get_errors():
            message = ERR_SAML_FAILED.format(reason=auth.get_last_error_reason())
            self.record({"status": 200, "outcome": "saml-failed", "org": org, "message": message, "errors": auth.get_errors()})
            return self.page(200, "Login", message, "saml-failed", {"Set-Cookie": pipeline_cookie(org, clear=True)})
        identity, error = build_identity(config.get("attribute_mapping", {}), auth.get_attributes())
        if error is not None:
            self.record({"status": 200, "outcome": "mapping-failed", "org": org, "message": error, "attributes": auth.get_attributes()})
            return self.page(200, "Login", error, "mapping-failed", {"Set-Cookie": pipeline_cookie(org, clear=True)})
        self.record({"status": 200, "outcome": "logged-in", "org": org, "identity": identity, "nameId": auth.get_nameid(), "attributes": auth.get_attributes()})
        return self.page(200, "Logged in", f"Logged in as {identity['email']} (id {identity['id']})", "logged-in", {"Set-Cookie": pipeline_cookie(org, clear=True)})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--url-prefix", default=None, help="Sentry's system.url-prefix; default http://127.0.0.1:<port>")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    port = server.server_address[1]
    state["url_prefix"] = (args.url_prefix or f"http://127.0.0.1:{port}").rstrip("/")
    print(f"listening {port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
