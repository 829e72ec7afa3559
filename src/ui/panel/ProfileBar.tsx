import { useEffect, useState } from "preact/hooks";
import { DEFAULT_ATTRIBUTES, type PanelProfile, type ResolvedProfile } from "./model/profile.js";

export interface ProfileBarProps {
  readonly profile: PanelProfile;
  readonly resolved: ResolvedProfile;
  readonly onChange: (profile: PanelProfile) => void;
}

/** The SP the messages are checked against: none (generic checks) or Sentry, from its URL and organization slug. */
export function ProfileBar({ profile, resolved, onChange }: ProfileBarProps) {
  const [draft, setDraft] = useState(profile.kind === "sentry" ? profile : { kind: "sentry" as const, urlPrefix: "", orgSlug: "", identifierAttribute: DEFAULT_ATTRIBUTES.identifier, emailAttribute: DEFAULT_ATTRIBUTES.userEmail });
  useEffect(() => {
    if (profile.kind === "sentry") setDraft(profile);
  }, [profile]);
  const field = (key: "urlPrefix" | "orgSlug" | "identifierAttribute" | "emailAttribute", label: string, placeholder: string) => (
    <label>
      {label}
      <input
        type="text"
        spellcheck={false}
        value={draft[key]}
        placeholder={placeholder}
        data-testid={`profile-${key}`}
        onInput={(event) => setDraft({ ...draft, [key]: event.currentTarget.value })}
      />
    </label>
  );
  return (
    <form
      class="profile"
      data-testid="profile"
      onSubmit={(event) => {
        event.preventDefault();
        onChange(draft);
      }}
    >
      <label>
        SP profile
        <select
          data-testid="profile-kind"
          value={profile.kind}
          onChange={(event) => onChange(event.currentTarget.value === "sentry" ? draft : { kind: "none" })}
        >
          <option value="none">None (generic checks)</option>
          <option value="sentry">Sentry</option>
        </select>
      </label>
      {profile.kind === "sentry" && (
        <>
          {field("urlPrefix", "Sentry URL", "https://sentry.example.com")}
          {field("orgSlug", "Organization", "acme")}
          {field("identifierAttribute", "IdP User ID attribute", DEFAULT_ATTRIBUTES.identifier)}
          {field("emailAttribute", "User Email attribute", DEFAULT_ATTRIBUTES.userEmail)}
          <button type="submit" data-testid="profile-apply">
            Apply
          </button>
        </>
      )}
      <span class="profile-status" data-testid="profile-status" role="status">
        {profile.kind === "none"
          ? "Checks that need the SP's URLs are skipped."
          : resolved.ok
            ? `SP entity ID ${resolved.sp.spEntityId ?? ""} · ACS ${resolved.sp.acsUrl ?? ""}${resolved.warnings.length > 0 ? ` · ${resolved.warnings.join(" ")}` : ""}`
            : resolved.message}
      </span>
    </form>
  );
}
