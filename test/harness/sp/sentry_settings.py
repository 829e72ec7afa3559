"""Sentry's organization auth settings for the bench's Sentry-grade SP: the pages a Sentry owner uses to turn on SAML2.

Sources (getsentry/sentry, read at the blobs named): the React page /settings/O/auth/
(static/app/views/settings/organizationAuth/index.tsx @0deaddf, organizationAuthList.tsx @01425e3: a form that POSTs
init=1&provider=saml2 to /organizations/O/auth/configure/; with a provider already set up it goes to that page),
OrganizationAuthSettingsView (src/sentry/web/frontend/organization_auth_settings.py), the setup pipeline
(src/sentry/auth/helper.py @1495288 AuthHelper: finish_pipeline, _finish_setup_pipeline, error) and the generic SAML2
provider (src/sentry/auth/providers/saml2/generic/views.py @12b3fa7: SelectIdP, MapAttributes, SAML2ConfigureView;
forms.py @c1fce28, reproduced in sentry_forms.py; provider.py @02575bd: get_setup_pipeline =
SelectIdP, MapAttributes, then a login through the IdP, and the provider is saved only when that login maps).

Simplified: no Sentry user, membership or CSRF (anyone reaching the bench may configure any org slug), the only
provider offered is SAML2, the metadata URL may be private (the bench's IdP is on 127.0.0.1; recent self-hosted Sentry
refuses private addresses), and a setup whose test login failed is forgotten (Sentry keeps it in the session).
Django's messages are kept per browser (cookie sentry_settings_session) until the next page shows them.
"""
import html
import re
import secrets

from sentry_forms import MAPPING_FORM, METADATA_TABS, SAML_FORM, clean_form, process_metadata
from sentry_saml import build_identity

SESSION_COOKIE = "sentry_settings_session"
# helper.py
OK_SETUP_SSO = "SSO has been configured for your organization and any existing members have been sent an email to link their accounts."
ERR_UNEXPECTED = "Something unexpected happened during authentication."
# organization_auth_settings.py
OK_PROVIDER_DISABLED = "SSO authentication has been disabled."


class Settings:
    """The routes. `sp_state` is the SP's state ({"orgs": {...}}); `saml` builds python3-saml objects for its URLs."""

    def __init__(self, sp_state, lock, saml):
        self.sp_state, self.lock, self.saml = sp_state, lock, saml
        self.sessions = {}

    def reset(self):
        self.sessions.clear()

    # --- the browser's session (Django's session, reduced to what these pages keep) ---
    def session(self, handler):
        sid, session = self.pending_setup(handler)
        if session is not None:
            return sid, session
        sid = secrets.token_urlsafe(16)
        self.sessions[sid] = {"pipeline": None, "messages": []}
        return sid, self.sessions[sid]

    def pending_setup(self, handler):
        """This browser's session, if it has one: the ACS never starts a session."""
        for part in (handler.headers.get("Cookie") or "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == SESSION_COOKIE and value in self.sessions:
                return value, self.sessions[value]
        return None, None

    def cookie(self, sid):
        return {"Set-Cookie": f"{SESSION_COOKIE}={sid}; Path=/; HttpOnly"}

    def redirect(self, handler, sid, location):
        handler.send(302, "", "text/plain", {"Location": location, **self.cookie(sid)})

    def render(self, handler, sid, session, title, body):
        flashed = "".join(
            f"<div class='alert alert-{level}' role='alert' data-level='{level}'>{html.escape(text)}</div>" for level, text in session["messages"]
        )
        session["messages"] = []
        page = (
            f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)} | Sentry</title></head>"
            f"<body><main>{flashed}{body}</main></body></html>"
        )
        handler.send(200, page, headers=self.cookie(sid))

    # --- routing ---
    def handle(self, handler, method, path, form):
        """Answers /settings/O/auth/ and /organizations/O/auth/configure/; False for any other path."""
        parts = path.strip("/").split("/")
        if len(parts) < 2 or not re.fullmatch(r"[\w-]+", parts[1]):  # Sentry's URL patterns take [\w_-]+ slugs
            return False
        if len(parts) == 3 and parts[0] == "settings" and parts[2] == "auth" and method == "GET":
            self.auth_settings(handler, parts[1])
            return True
        if len(parts) == 4 and parts[0] == "organizations" and parts[2:] == ["auth", "configure"]:
            self.configure(handler, parts[1], method, form)
            return True
        return False

    def provider(self, org):
        with self.lock:
            return self.sp_state["orgs"].get(org)

    def auth_settings(self, handler, org):
        """organizationAuth/index.tsx: a configured provider is shown by the Django view; else the provider list."""
        sid, session = self.session(handler)
        if self.provider(org) is not None and "idp" in self.provider(org):
            return self.redirect(handler, sid, f"/organizations/{org}/auth/configure/")
        body = (
            "<h1>Authentication</h1><section class='panel'><h2>Choose a provider</h2>"
            "<p class='alert alert-info'>Get started with Single Sign-on for your organization by selecting a provider.</p>"
            f"<form action='/organizations/{html.escape(org)}/auth/configure/' method='POST'>"
            "<input type='hidden' name='init' value='1'>"
            "<div class='provider'><strong>SAML2</strong> <span>Enable your organization to sign in with your preferred SAML2 "
            "compliant provider like Ping Identity, Google SAML, Keycloak, or VMware Identity Manager.</span> "
            "<button type='submit' name='provider' value='saml2'>Configure</button></div></form></section>"
        )
        self.render(handler, sid, session, "Auth Settings", body)

    def configure(self, handler, org, method, form):
        sid, session = self.session(handler)
        provider = self.provider(org)
        if provider is not None and "idp" in provider:
            return self.existing_provider(handler, sid, session, org, method, form)
        if method != "POST":
            # "Otherwise user is in bad state since frontend/react should handle this case"
            return self.redirect(handler, sid, f"/settings/{org}/auth/")
        if form.get("provider") != "saml2":
            raise ValueError(f"Provider not found: {form.get('provider')}")
        if form.get("init"):
            session["pipeline"] = {"org": org, "step": "select-idp", "state": {}}
        pipeline = session["pipeline"]
        if pipeline is None or pipeline["org"] != org:
            return self.error(handler, sid, session, org, ERR_UNEXPECTED)
        if pipeline["step"] == "select-idp":
            return self.select_idp(handler, sid, session, org, pipeline, form)
        if pipeline["step"] == "map-attributes":
            return self.map_attributes(handler, sid, session, org, pipeline, form)
        return self.saml_login(handler, sid, org, pipeline)

    def error(self, handler, sid, session, org, message):
        """AuthHelper.error in the setup flow: the message on the org's auth settings page."""
        session["messages"].append(("error", f"Authentication error: {message}"))
        session["pipeline"] = None
        self.redirect(handler, sid, f"/settings/{org}/auth/")

    # --- the setup pipeline: SelectIdP, MapAttributes, SAML2LoginView, then the ACS (setup_acs) ---
    def select_idp(self, handler, sid, session, org, pipeline, form):
        op, errors, general, values = "url", {}, [], {}
        if "action_save" in form and form["action_save"] in METADATA_TABS:
            op, values = form["action_save"], form
            idp, errors, general = process_metadata(op, form)
            if idp is not None:
                pipeline["state"]["idp"] = idp
                pipeline["step"] = "map-attributes"
                return self.map_attributes(handler, sid, session, org, pipeline, {})
        tabs = "".join(
            f"<section class='tab-pane{' active' if key == op else ''}' id='{key}'><h3>{label}</h3><p>{hint}</p>"
            + self.form_html(org, fields, values if key == op else {}, errors if key == op else {}, general if key == op else [], "action_save", key, button)
            + "</section>"
            for key, (label, fields, button, hint) in METADATA_TABS.items()
        )
        self.render(handler, sid, session, "SAML2 Setup", f"<h1>Register Identity Provider</h1>{tabs}")

    def map_attributes(self, handler, sid, session, org, pipeline, form):
        errors = {}
        if "save_mappings" in form:
            cleaned, errors = clean_form(MAPPING_FORM, form)
            if not errors:
                pipeline["state"]["attribute_mapping"] = cleaned
                pipeline["step"] = "login"
                return self.saml_login(handler, sid, org, pipeline)
        body = (
            "<h1>Map Identity Provider Attributes</h1><p>Configure the mapping of IdP attribute keys. Consult your Identity "
            "Provider's documentation for the appropriate keys.</p>"
            + self.form_html(org, MAPPING_FORM, form, errors, [], "save_mappings", "url", "Save Attributes")
        )
        self.render(handler, sid, session, "SAML2 Setup", body)

    def saml_login(self, handler, sid, org, pipeline):
        """SAML2LoginView: the config built from the pipeline's state; the browser goes to the IdP to log in."""
        auth = self.saml.auth(handler, pipeline["state"], org, {}, {})
        self.redirect(handler, sid, auth.login())

    def setup_acs(self, handler, org, post_data):
        """The ACS while this browser's setup pipeline for `org` awaits the IdP's answer (AuthHelper.get_for_request):
        SAML2ACSView, then finish_pipeline. Returns False when no setup is under way."""
        sid, session = self.pending_setup(handler)
        pipeline = None if session is None else session["pipeline"]
        if pipeline is None or pipeline["org"] != org or pipeline["step"] != "login":
            return False
        config = pipeline["state"]
        auth = self.saml.auth(handler, config, org, {}, post_data)
        auth.process_response()
        if auth.get_errors():
            message = f"SAML SSO failed, {auth.get_last_error_reason()}"
            handler.record({"status": 302, "outcome": "saml-failed", "flow": "setup", "org": org, "message": message, "errors": auth.get_errors()})
            self.error(handler, sid, session, org, message)
            return True
        identity, message = build_identity(config["attribute_mapping"], auth.get_attributes())
        if message is not None:
            handler.record({"status": 302, "outcome": "mapping-failed", "flow": "setup", "org": org, "message": message, "attributes": auth.get_attributes()})
            self.error(handler, sid, session, org, message)
            return True
        with self.lock:
            self.sp_state["orgs"][org] = {"idp": config["idp"], "attribute_mapping": config["attribute_mapping"]}
        handler.record({"status": 302, "outcome": "sso-configured", "flow": "setup", "org": org, "identity": identity, "attributes": auth.get_attributes()})
        session["pipeline"] = None
        session["messages"].append(("success", OK_SETUP_SSO))
        self.redirect(handler, sid, f"/organizations/{org}/auth/configure/")
        return True

    # --- a provider already set up: SAML2ConfigureView inside OrganizationAuthSettingsView.handle_existing_provider ---
    def existing_provider(self, handler, sid, session, org, method, form):
        if method == "POST" and form.get("op") == "disable":
            with self.lock:
                self.sp_state["orgs"].pop(org, None)
            session["messages"].append(("success", OK_PROVIDER_DISABLED))
            return self.redirect(handler, sid, f"/settings/{org}/auth/")
        config = self.provider(org)
        values = {**config["idp"], **config["attribute_mapping"]}
        saml_errors, mapping_errors = {}, {}
        if method == "POST":
            values = form
            saml, saml_errors = clean_form(SAML_FORM, form)
            mapping, mapping_errors = clean_form(MAPPING_FORM, form)
            if not saml_errors and not mapping_errors:
                with self.lock:
                    self.sp_state["orgs"][org] = {**config, "idp": saml, "attribute_mapping": mapping}
        metadata_url = html.escape(self.saml.entity_id(org))
        body = (
            f"<h1>SAML2 Authentication</h1><p><a target='_blank' href='{metadata_url}'>Service Provider Metadata</a></p>"
            f"<form method='POST' action='/organizations/{html.escape(org)}/auth/configure/'><input type='hidden' name='op' value='settings'>"
            "<fieldset><legend>Identity Provider Metadata</legend>" + self.fields_html(SAML_FORM, values, saml_errors) + "</fieldset>"
            "<fieldset><legend>Attribute Mappings</legend>" + self.fields_html(MAPPING_FORM, values, mapping_errors) + "</fieldset>"
            "<button type='submit' class='btn btn-primary'>Save Settings</button></form>"
            f"<form method='POST' action='/organizations/{html.escape(org)}/auth/configure/'><input type='hidden' name='op' value='disable'>"
            "<button type='submit' class='btn btn-danger'>Disable</button></form>"
        )
        self.render(handler, sid, session, "SAML2 Authentication", body)

    # --- crispy forms, reduced ---
    def fields_html(self, fields, values, errors):
        out = []
        for name, label, kind, required in fields:
            value = html.escape(str(values.get(name) or ""), quote=True)
            field_id = f"id_{name}"
            control = (
                f"<textarea id='{field_id}' name='{name}' rows='4'>{value}</textarea>"
                if kind == "textarea"
                else f"<input id='{field_id}' name='{name}' type='{'url' if kind == 'url' else 'text'}' value='{value}'>"
            )
            messages = "".join(f"<span class='help-block error' data-field='{name}'>{html.escape(text)}</span>" for text in errors.get(name, []))
            out.append(f"<div class='control-group{' required' if required else ''}'><label for='{field_id}'>{html.escape(label)}</label>{control}{messages}</div>")
        return "".join(out)

    def form_html(self, org, fields, values, errors, general, button_name, button_value, button_label):
        alerts = "".join(f"<div class='alert alert-error form-errors' role='alert'>{html.escape(text)}</div>" for text in general)
        return (
            f"<form action='/organizations/{html.escape(org)}/auth/configure/' method='post' class='form-stacked' novalidate>"
            "<input type='hidden' name='provider' value='saml2'>"
            + alerts
            + self.fields_html(fields, values, errors)
            + f"<button type='submit' class='btn btn-primary' name='{button_name}' value='{button_value}'>{button_label}</button></form>"
        )
