/** Server-wide and realm-level admin endpoints the console calls at startup and on the client pages. */
import { isObject, objects, text, type JsonObject } from "../realm-store.js";
import { error, json, noContent, type Route } from "../router.js";
import { copy, page, withRealm, type AdminContext } from "./context.js";

/** The admin roles a realm administrator holds, as whoami lists them per realm. */
const REALM_ADMIN_ROLES = [
  "view-realm", "view-identity-providers", "manage-identity-providers", "impersonation", "create-client",
  "manage-users", "query-realms", "view-authorization", "query-clients", "query-users", "manage-events",
  "manage-realm", "view-events", "view-users", "view-clients", "manage-authorization", "manage-clients",
  "query-groups",
];

/** Parts of an export that the REST API serves from their own endpoints, never inside the realm representation. */
const NOT_IN_REALM_REPRESENTATION = [
  "clients", "clientScopes", "users", "roles", "groups", "authenticationFlows", "authenticatorConfig",
  "requiredActions", "components", "scopeMappings", "clientScopeMappings", "identityProviders",
  "identityProviderMappers", "defaultDefaultClientScopes", "defaultOptionalClientScopes", "localizationTexts",
];

export function realmRepresentation(realm: JsonObject): JsonObject {
  const representation = copy(realm);
  for (const key of NOT_IN_REALM_REPRESENTATION) delete representation[key];
  return representation;
}

export function realmRoutes(context: AdminContext): Route[] {
  const { store } = context;
  return [
    { method: "GET", pattern: "/admin/serverinfo", handle: () => json(copy(context.serverInfo)) },
    {
      method: "GET",
      pattern: "/admin/:realm/console/whoami",
      handle: () =>
        json({
          userId: "a1b2c3d4-0000-4000-8000-00000000a002",
          realm: "master",
          displayName: "admin",
          locale: context.locale,
          createRealm: true,
          realm_access: Object.fromEntries(store.names().map((name) => [name, REALM_ADMIN_ROLES])),
          temporary: false,
        }),
    },
    {
      method: "GET",
      pattern: "/admin/realms",
      handle: () => json(store.names().flatMap((name) => {
        const realm = store.realm(name);
        return realm ? [realmRepresentation(realm)] : [];
      })),
    },
    { method: "GET", pattern: "/admin/realms/:realm", handle: (_request, params) => withRealm(context, params, (realm) => json(realmRepresentation(realm))) },
    {
      method: "PUT",
      pattern: "/admin/realms/:realm",
      handle: (request, params) =>
        withRealm(context, params, (realm) => {
          if (!isObject(request.json)) return error(400, "Invalid realm representation");
          for (const [key, value] of Object.entries(request.json)) {
            if (key !== "realm" && key !== "id" && !NOT_IN_REALM_REPRESENTATION.includes(key)) realm[key] = value;
          }
          return noContent();
        }),
    },
    {
      // The realm selector and "recent realms" (admin-ui-ext, served by the console's own server extension).
      method: "GET",
      pattern: "/admin/realms/:realm/ui-ext/realms/names",
      handle: () => json(store.names().map((name) => ({ name, displayName: text(store.realm(name) ?? {}, "displayName") ?? "" }))),
    },
    {
      method: "GET",
      pattern: "/admin/realms/:realm/authentication/flows",
      handle: (_request, params) =>
        withRealm(context, params, (realm) =>
          json(objects(realm, "authenticationFlows").map((flow) => {
            const listed = copy(flow);
            delete listed.authenticationExecutions;
            return listed;
          }))),
    },
    {
      // User pickers (e.g. Client scopes → Evaluate): brief representations, `first`/`max`/`search` honoured.
      method: "GET",
      pattern: "/admin/realms/:realm/users",
      handle: (request, params) =>
        withRealm(context, params, (realm) => {
          const search = (request.query.get("search") ?? "").toLowerCase();
          const users = objects(realm, "users")
            .filter((user) => search === "" || JSON.stringify([user.username, user.email, user.firstName, user.lastName]).toLowerCase().includes(search))
            .map((user) => {
              const listed = copy(user);
              delete listed.credentials;
              return listed;
            });
          return json(page(users, request.query));
        }),
    },
    // The Sessions and Events tabs: a harness has no sessions and records no events.
    { method: "GET", pattern: "/admin/realms/:realm/ui-ext/sessions/client", handle: (_request, params) => withRealm(context, params, () => json([])) },
    { method: "GET", pattern: "/admin/realms/:realm/events", handle: (_request, params) => withRealm(context, params, () => json([])) },
    { method: "GET", pattern: "/admin/realms/:realm/admin-events", handle: (_request, params) => withRealm(context, params, () => json([])) },
    {
      method: "GET",
      pattern: "/admin/realms/:realm/events/config",
      handle: (_request, params) =>
        withRealm(context, params, () =>
          json({ eventsEnabled: false, eventsListeners: ["jboss-logging"], enabledEventTypes: [], adminEventsEnabled: false, adminEventsDetailsEnabled: false })),
    },
    { method: "GET", pattern: "/admin/realms/:realm/localization", handle: (_request, params) => withRealm(context, params, () => json([])) },
    { method: "GET", pattern: "/admin/realms/:realm/localization/:locale", handle: (_request, params) => withRealm(context, params, () => json({})) },
  ];
}
