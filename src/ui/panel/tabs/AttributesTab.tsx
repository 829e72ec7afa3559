import type { SamlMessage } from "../../../core/saml/model.js";
import { duplicateNames } from "../model/view.js";

export interface AttributesTabProps {
  readonly model: SamlMessage | null;
  /** SAML Attribute Names the SP maps, with the SP's label for each (e.g. user_email → "User Email"). */
  readonly mapped: ReadonlyMap<string, string>;
}

export function AttributesTab({ model, mapped }: AttributesTabProps) {
  if (model?.kind !== "Response") return <p class="empty" data-testid="tab-attributes">Only a Response carries attributes.</p>;
  const assertions = model.assertions;
  if (assertions.length === 0) {
    return (
      <p class="empty" data-testid="tab-attributes">
        {model.encryptedAssertionCount > 0 ? "The assertion is encrypted; its attributes cannot be read here." : "The Response has no assertion."}
      </p>
    );
  }
  return (
    <div data-testid="tab-attributes">
      {assertions.map((assertion, position) => {
        const duplicates = duplicateNames(assertion.attributes);
        return (
          <section key={position}>
            {assertions.length > 1 && <h3>Assertion {assertion.id}</h3>}
            {duplicates.size > 0 && (
              <p class="warning" role="note" data-testid="duplicate-warning">
                {[...duplicates].map((name) => JSON.stringify(name)).join(", ")} appear{duplicates.size === 1 ? "s" : ""} more than once: python3-saml rejects the
                Response (“Found an Attribute element with duplicated Name”). Merge them into one attribute with several values (Keycloak: the mapper's
                “Single Role Attribute” switch for roles).
              </p>
            )}
            {assertion.encryptedAttributeCount > 0 && <p class="hint">{assertion.encryptedAttributeCount} encrypted attribute(s) not shown.</p>}
            <table class="attributes">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>FriendlyName</th>
                  <th>Values</th>
                  <th>SP mapping</th>
                </tr>
              </thead>
              <tbody>
                {assertion.attributes.map((attribute, index) => {
                  const duplicate = attribute.name !== undefined && duplicates.has(attribute.name);
                  const mapping = attribute.name === undefined ? undefined : mapped.get(attribute.name);
                  return (
                    <tr key={index} class={duplicate ? "duplicate" : undefined} data-testid="attribute-row" data-duplicate={duplicate}>
                      <td class="mono">
                        {attribute.name ?? <span class="absent">(no Name)</span>}
                        {duplicate && <span class="badge verdict-reject">duplicate</span>}
                      </td>
                      <td>{attribute.friendlyName ?? ""}</td>
                      <td>
                        {attribute.values.length === 0 ? (
                          <span class="absent">(no value)</span>
                        ) : (
                          <ul class="values">
                            {attribute.values.map((value, valueIndex) => (
                              <li key={valueIndex} class="mono" data-testid="attribute-value">
                                {value}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>{mapping ?? ""}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}
