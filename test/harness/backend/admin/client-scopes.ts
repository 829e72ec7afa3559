/** `/admin/realms/{realm}/client-scopes…` and the realm's default/optional client scope lists. */
import { randomUUID } from "node:crypto";
import { isClientScopeShape, isObject, strings, text, type JsonObject } from "../realm-store.js";
import { error, json, noContent, type Params, type Reply, type Route } from "../router.js";
import { copy, withRealm, type AdminContext } from "./context.js";
import { protocolMapperRoutes } from "./protocol-mappers.js";

const SCOPE = "/admin/realms/:realm/client-scopes/:scopeId";
const REALM_LISTS = { "default-default-client-scopes": "defaultDefaultClientScopes", "default-optional-client-scopes": "defaultOptionalClientScopes" } as const;

export function clientScopeRoutes(context: AdminContext): Route[] {
  const { store } = context;
  const withScope = (params: Params, handle: (scope: JsonObject, realm: JsonObject) => Reply) =>
    withRealm(context, params, (realm) => {
      const scope = store.clientScope(realm, params.scopeId ?? "");
      return scope ? handle(scope, realm) : error(404, "Could not find client scope");
    });

  const realmListRoutes = (path: keyof typeof REALM_LISTS): Route[] => [
    {
      method: "GET",
      pattern: `/admin/realms/:realm/${path}`,
      handle: (_request, params) =>
        withRealm(context, params, (realm) =>
          json(strings(realm, REALM_LISTS[path]).flatMap((name) => {
            const scope = store.clientScopeByName(realm, name);
            return scope ? [{ id: scope.id ?? "", name }] : [];
          }))),
    },
    {
      method: "PUT",
      pattern: `/admin/realms/:realm/${path}/:scopeId`,
      handle: (_request, params) =>
        withScope(params, (scope, realm) => {
          const name = text(scope, "name") ?? "";
          for (const key of Object.values(REALM_LISTS)) realm[key] = strings(realm, key).filter((item) => item !== name);
          realm[REALM_LISTS[path]] = [...strings(realm, REALM_LISTS[path]), name];
          return noContent();
        }),
    },
    {
      method: "DELETE",
      pattern: `/admin/realms/:realm/${path}/:scopeId`,
      handle: (_request, params) =>
        withScope(params, (scope, realm) => {
          realm[REALM_LISTS[path]] = strings(realm, REALM_LISTS[path]).filter((item) => item !== scope.name);
          return noContent();
        }),
    },
  ];

  return [
    { method: "GET", pattern: "/admin/realms/:realm/client-scopes", handle: (_request, params) => withRealm(context, params, (realm) => json(copy(store.clientScopes(realm)))) },
    {
      method: "POST",
      pattern: "/admin/realms/:realm/client-scopes",
      handle: (request, params) =>
        withRealm(context, params, (realm) => {
          if (!isClientScopeShape(request.json)) return error(400, "Invalid client scope representation");
          const name = text(request.json, "name") ?? "";
          if (store.clientScopeByName(realm, name)) return error(409, `Client Scope ${name} already exists`);
          const scope: JsonObject = { ...copy(request.json), id: randomUUID() };
          store.clientScopes(realm).push(scope);
          return { status: 201, headers: { location: `${request.origin}/admin/realms/${params.realm ?? ""}/client-scopes/${String(scope.id)}` } };
        }),
    },
    { method: "GET", pattern: SCOPE, handle: (_request, params) => withScope(params, (scope) => json(copy(scope))) },
    {
      method: "PUT",
      pattern: SCOPE,
      handle: (request, params) =>
        withScope(params, (scope) => {
          if (!isObject(request.json)) return error(400, "Invalid client scope representation");
          const body = copy(request.json);
          delete body.id;
          Object.assign(scope, body);
          return noContent();
        }),
    },
    {
      method: "DELETE",
      pattern: SCOPE,
      handle: (_request, params) =>
        withScope(params, (scope, realm) => {
          realm.clientScopes = store.clientScopes(realm).filter((item) => item !== scope);
          return noContent();
        }),
    },
    ...realmListRoutes("default-default-client-scopes"),
    ...realmListRoutes("default-optional-client-scopes"),
    ...protocolMapperRoutes(SCOPE, "Could not find client scope", (params) => {
      const realm = store.realm(params.realm ?? "");
      return realm ? store.clientScope(realm, params.scopeId ?? "") : undefined;
    }),
  ];
}
