/**
 * Step 6, the test login: where a login starts (Keycloak's IdP-initiated URL for the client, or Sentry's own SSO
 * page), and what the wizard shows while it waits for the recorder to capture the SAML Response.
 */
import { sendMessage } from "../../../platform/messages.js";
import { realmDescriptorUrl } from "../../../core/keycloak/urls.js";
import { presetChoiceOf } from "../../../core/presets/choice.js";
import type { LoginState, LoginView, StepContext } from "../model.js";
import type { WizardProgress } from "../progress.js";
import { loginUrls } from "../sentry-urls.js";
import { fetchDescriptor } from "../../realm-descriptor.js";

/** How often the step asks the background for the recorded response, and for how long. */
const VERDICT_POLL_MS = 1000;
const VERDICT_WAIT_MS = 10 * 60_000;

/** What the login step needs of the wizard. */
export interface LoginHost {
  readonly keycloakUrl: string;
  /** The wizard's progress and realm, while it runs. */
  current(): { readonly progress: WizardProgress; readonly realm: string } | null;
  /** Keeps when the login started (a reload goes on waiting for its response) and what it made the recorder record. */
  started(since: string, added: readonly string[]): void;
  changed(): void;
}

/** Starts the test login through the recorder and waits for the background's verdict on the response. */
export class LoginRunner {
  state: LoginState = { kind: "idle" };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private idpMetadata: string | undefined;

  constructor(private readonly host: LoginHost) {}

  view(): LoginView | null {
    const current = this.host.current();
    if (current?.progress.step !== "login") return null;
    const { idpInitiatedUrl, sentryLoginUrl } = loginUrls(current.progress, this.host.keycloakUrl, current.realm);
    return { idpInitiatedUrl, sentryLoginUrl, state: this.state };
  }

  /** Progress loaded with a login under way: wait for its response again. */
  resume(): void {
    if (this.state.kind !== "idle") return;
    this.state = { kind: "waiting" };
    this.poll(Date.now());
  }

  stop(): void {
    clearTimeout(this.timer);
    this.state = { kind: "idle" };
  }

  async start(from: "keycloak" | "sentry"): Promise<void> {
    const current = this.host.current();
    if (current === null) return;
    clearTimeout(this.timer);
    const urls = loginUrls(current.progress, this.host.keycloakUrl, current.realm);
    this.state = { kind: "starting" };
    this.host.changed();
    try {
      const started = await sendMessage("wizard.login.start", {
        consoleOrigin: location.origin,
        sentryUrl: urls.acsUrl,
        loginUrl: from === "keycloak" ? urls.idpInitiatedUrl : urls.sentryLoginUrl,
      });
      if (!started.started) {
        this.state = { kind: "blocked", reason: started.reason ?? "The recorder could not start." };
      } else {
        this.state = { kind: "waiting" };
        this.host.started(started.since, started.added ?? []);
        this.poll(Date.now());
      }
    } catch (error) {
      this.state = { kind: "blocked", reason: `The recorder could not start: ${error instanceof Error ? error.message : String(error)}` };
    }
    this.host.changed();
  }

  private poll(startedAt: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.ask(startedAt), VERDICT_POLL_MS);
  }

  private async ask(startedAt: number): Promise<void> {
    const current = this.host.current();
    const since = current?.progress.loginSince;
    if (current === null || current.progress.step !== "login" || since === undefined || this.state.kind !== "waiting") return;
    const { realm } = current;
    if (this.idpMetadata === undefined) {
      const descriptor = await fetchDescriptor(realmDescriptorUrl(this.host.keycloakUrl, realm));
      if (descriptor.kind === "loaded") this.idpMetadata = descriptor.xml;
    }
    try {
      const verdict = await sendMessage("recorder.verdict", {
        since,
        preset: presetChoiceOf(current.progress),
        keycloakUrl: this.host.keycloakUrl,
        realm,
        ...(this.idpMetadata === undefined ? {} : { idpMetadata: this.idpMetadata }),
      });
      if (this.state.kind !== "waiting") return;
      if (verdict.found) {
        this.state = { kind: "verdict", verdict };
        this.host.changed();
        return;
      }
      if (verdict.problem !== undefined) {
        this.state = { kind: "blocked", reason: verdict.problem };
        this.host.changed();
        return;
      }
    } catch {
      // The background restarted: ask again.
    }
    if (Date.now() - startedAt < VERDICT_WAIT_MS) this.poll(startedAt);
  }
}

export function loginStepBody({ dom, model, actions }: StepContext): HTMLElement[] {
  const { el, button } = dom;
  const view = model.login;
  const parts: HTMLElement[] = [
    el("p", {}, "Once Sentry has the values, log in once. SAML Lens records the SAML Response on its way to Sentry and says what Sentry's validator (python3-saml) makes of it."),
  ];
  if (view === null) return parts;
  const starting = view.state.kind === "starting" || model.busy;
  const fromKeycloak = button("Log in from Keycloak", "login-keycloak", "primary", () => actions.startLogin("keycloak"));
  const fromSentry = button("Log in from Sentry", "login-sentry", "secondary", () => actions.startLogin("sentry"));
  fromKeycloak.disabled = starting;
  fromSentry.disabled = starting;
  parts.push(el("div", { className: "actions" }, fromKeycloak, fromSentry));
  parts.push(el("p", { className: "note" }, `From Keycloak opens ${view.idpInitiatedUrl}; from Sentry opens ${view.sentryLoginUrl}.`));
  const result = el("div", { className: "login-result" });
  result.dataset.state = view.state.kind;
  parts.push(result);
  switch (view.state.kind) {
    case "waiting":
      result.append(el("p", {}, "Recording: log in in the new tab; the verdict shows here when the SAML Response reaches Sentry."));
      break;
    case "blocked":
      result.append(el("p", { className: "field-warning" }, view.state.reason));
      result.append(el("div", { className: "actions" }, button("Open the SAML recorder", "open-recorder", "secondary", () => actions.openRecorder())));
      break;
    case "verdict": {
      const { verdict } = view.state;
      const accepted = verdict.verdict === "accept";
      result.dataset.verdict = verdict.verdict ?? "";
      result.append(
        el(
          "p",
          { className: accepted ? "state ok" : "state error" },
          accepted
            ? `Accepted: Sentry accepts this response${verdict.verdictComplete === false ? " (the signature could not be checked here)" : ""}.`
            : `Rejected: ${verdict.receiverMessage ?? "Sentry refuses this response."}`,
        ),
      );
      // The verdict judges the response, not Sentry's settings: it assumes the mapping step 5 gave.
      const mapping = model.sentrySide?.attributeMapping ?? [];
      if (mapping.length > 0) {
        result.append(
          el(
            "p",
            { className: "note assumed" },
            `This assumes Sentry's attribute mapping is ${mapping.map((entry) => `${entry.sentryField} = ${entry.samlAttributeName}`).join(", ")} (step 5). ` +
              'If Sentry shows "Failed to map SAML attributes", its mapping differs: correct it there.',
          ),
        );
      }
      const shown = verdict.findings.filter((finding) => finding.severity === "error" || !accepted);
      if (shown.length > 0) {
        const list = el("ul");
        for (const finding of shown) {
          const item = el("li", { className: finding.severity }, `${finding.message} ${finding.fix}`);
          item.dataset.finding = finding.id;
          list.append(item);
        }
        result.append(list);
      }
      break;
    }
    default:
      break;
  }
  parts.push(el("div", { className: "actions" }, button("Finish", "finish", "primary", () => actions.finish()), button("Back", "back", "secondary", () => actions.goTo("sentry"))));
  return parts;
}
