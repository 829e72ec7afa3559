/**
 * `/admin/realms/{realm}/clients…`: the list, one client, create/import, update, delete, the Keys tab's certificates,
 * the client's default/optional client scope links, and its dedicated scope's protocol mappers.
 */
import { randomUUID } from "node:crypto";
import { attributes, isClientShape, isObject, normalizeAttributes, strings, text, type JsonObject } from "../realm-store.js";
import { error, json, noContent, type Params, type Reply, type Route } from "../router.js";
import { applyCreationDefaults } from "./client-defaults.js";
import { generateKeyPair } from "./certificates.js";
import { copy, page, withRealm, type AdminContext } from "./context.js";
import { protocolMapperRoutes } from "./protocol-mappers.js";
import { convertEntityDescriptor } from "./saml-descriptor-converter.js";

const CLIENT = "/admin/realms/:realm/clients/:clientUuid";
/** A realm export keeps a client's scope links by name; the REST API never returns them inside the client. */
const LINKS = { default: "defaultClientScopes", optional: "optionalClientScopes" } as const;

/** GET client: the stored client without the export-only scope links, plus the caller's `access`. */
function clientRepresentation(client: JsonObject): JsonObject {
  const representation = copy(client);
  delete representation.defaultClientScopes;
  delete representation.optionalClientScopes;
  representation.access = { view: true, configure: true, manage: true };
  return representation;
}

function matchesQuery(client: JsonObject, query: URLSearchParams): boolean {
  const clientId = query.get("clientId");
  if (clientId === null) return true;
  const actual = text(client, "clientId") ?? "";
  return query.get("search") === "true" ? actual.toLowerCase().includes(clientId.toLowerCase()) : actual === clientId;
}

export function clientRoutes(context: AdminContext): Route[] {
  const { store } = context;
  const withClient = (params: Params, handle: (client: JsonObject, realm: JsonObject) => Reply | Promise<Reply>) =>
    withRealm(context, params, (realm) => {
      const client = store.client(realm, params.clientUuid ?? "");
      return client ? handle(client, realm) : error(404, "Could not find client");
    });
  const clientIdTaken = (realm: JsonObject, clientId: string, exceptUuid?: string) =>
    store.clients(realm).some((client) => client.clientId === clientId && client.id !== exceptUuid);

  const linkRoutes = (kind: keyof typeof LINKS, other: keyof typeof LINKS): Route[] => [
    {
      method: "GET",
      pattern: `${CLIENT}/${kind}-client-scopes`,
      handle: (_request, params) =>
        withClient(params, (client, realm) =>
          json(strings(client, LINKS[kind]).flatMap((name) => {
            const scope = store.clientScopeByName(realm, name);
            return scope ? [{ id: scope.id ?? "", name }] : [];
          }))),
    },
    {
      method: "PUT",
      pattern: `${CLIENT}/${kind}-client-scopes/:scopeId`,
      handle: (_request, params) =>
        withClient(params, (client, realm) => {
          const scope = store.clientScope(realm, params.scopeId ?? "");
          const name = scope ? text(scope, "name") : undefined;
          if (name === undefined) return error(404, "Client scope not found");
          // A scope is linked one way only; Keycloak refuses a second link (409) — the console removes first.
          if (strings(client, LINKS[other]).includes(name)) return error(409, "Client scope already linked");
          const names = strings(client, LINKS[kind]);
          if (!names.includes(name)) client[LINKS[kind]] = [...names, name];
          return noContent();
        }),
    },
    {
      method: "DELETE",
      pattern: `${CLIENT}/${kind}-client-scopes/:scopeId`,
      handle: (_request, params) =>
        withClient(params, (client, realm) => {
          const name = text(store.clientScope(realm, params.scopeId ?? "") ?? {}, "name");
          client[LINKS[kind]] = strings(client, LINKS[kind]).filter((linked) => linked !== name);
          return noContent();
        }),
    },
  ];

  return [
    {
      method: "GET",
      pattern: "/admin/realms/:realm/clients",
      handle: (request, params) =>
        withRealm(context, params, (realm) =>
          json(page(store.clients(realm).filter((client) => matchesQuery(client, request.query)), request.query).map(clientRepresentation))),
    },
    {
      method: "POST",
      pattern: "/admin/realms/:realm/clients",
      handle: (request, params) =>
        withRealm(context, params, async (realm) => {
          if (!isClientShape(request.json)) return error(400, "Invalid client representation");
          const client = copy(request.json);
          const clientId = text(client, "clientId") ?? "";
          if (clientIdTaken(realm, clientId)) return error(409, `Client ${clientId} already exists`);
          client.id = randomUUID();
          normalizeAttributes(client);
          for (const mapper of Array.isArray(client.protocolMappers) ? client.protocolMappers.filter(isObject) : []) mapper.id = randomUUID();
          await applyCreationDefaults(store, realm, client);
          store.clients(realm).push(client);
          return { status: 201, headers: { location: `${request.origin}/admin/realms/${params.realm ?? ""}/clients/${String(client.id)}` } };
        }),
    },
    {
      // Import client → a metadata file: Keycloak converts it server-side.
      method: "POST",
      pattern: "/admin/realms/:realm/client-description-converter",
      handle: (request, params) =>
        withRealm(context, params, () => {
          const body = request.rawBody.toString("utf8").trim();
          if (body.startsWith("{")) {
            return isObject(request.json) ? json(request.json) : error(400, "Unsupported format");
          }
          const converted = convertEntityDescriptor(body);
          return converted.ok ? json(converted.client) : error(400, converted.message);
        }),
    },
    { method: "GET", pattern: CLIENT, handle: (_request, params) => withClient(params, (client) => json(clientRepresentation(client))) },
    {
      method: "PUT",
      pattern: CLIENT,
      handle: (request, params) =>
        withClient(params, (client, realm) => {
          if (!isClientShape(request.json)) return error(400, "Invalid client representation");
          const clientId = text(request.json, "clientId") ?? "";
          if (clientIdTaken(realm, clientId, params.clientUuid)) return error(409, `Client ${clientId} already exists`);
          // RepresentationToModel.updateClient: fields the body carries replace the stored ones, absent fields stay,
          // and attributes are set one by one (a null value removes one), so attributes the body lacks survive.
          const body = copy(request.json);
          delete body.access;
          delete body.id;
          normalizeAttributes(body);
          const merged = { ...attributes(client) };
          for (const [key, value] of Object.entries(attributes(body))) {
            if (value === null) delete merged[key];
            else merged[key] = value;
          }
          Object.assign(client, body, { attributes: merged });
          return noContent();
        }),
    },
    {
      method: "DELETE",
      pattern: CLIENT,
      handle: (_request, params) =>
        withClient(params, (client, realm) => {
          realm.clients = store.clients(realm).filter((item) => item !== client);
          return noContent();
        }),
    },
    {
      method: "GET",
      pattern: `${CLIENT}/certificates/:attr`,
      handle: (_request, params) =>
        withClient(params, (client) => {
          const certificate = attributes(client)[`${params.attr ?? ""}.certificate`];
          return json(typeof certificate === "string" && certificate !== "" ? { certificate } : {});
        }),
    },
    {
      method: "POST",
      pattern: `${CLIENT}/certificates/:attr/generate`,
      handle: (_request, params) =>
        withClient(params, async (client) => {
          const pair = await generateKeyPair(text(client, "clientId") ?? "");
          const attrs = attributes(client);
          attrs[`${params.attr ?? ""}.certificate`] = pair.certificate;
          attrs[`${params.attr ?? ""}.private.key`] = pair.privateKey;
          return json({ certificate: pair.certificate, privateKey: pair.privateKey });
        }),
    },
    ...linkRoutes("default", "optional"),
    ...linkRoutes("optional", "default"),
    ...protocolMapperRoutes(CLIENT, "Could not find client", (params) => {
      const realm = store.realm(params.realm ?? "");
      return realm ? store.client(realm, params.clientUuid ?? "") : undefined;
    }),
    {
      method: "GET",
      pattern: `${CLIENT}/roles`,
      handle: (_request, params) =>
        withClient(params, (client, realm) => {
          const roles = isObject(realm.roles) && isObject(realm.roles.client) ? realm.roles.client[text(client, "clientId") ?? ""] : undefined;
          return json(Array.isArray(roles) ? copy(roles) : []);
        }),
    },
  ];
}
