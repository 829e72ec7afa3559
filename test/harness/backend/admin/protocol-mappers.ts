/**
 * `…/protocol-mappers/models` under a client (its dedicated scope) or a client scope: both keep their mappers in
 * `protocolMappers`, and the REST API treats them alike.
 */
import { randomUUID } from "node:crypto";
import { isObject, isProtocolMapperShape, objects, type JsonObject } from "../realm-store.js";
import { error, json, noContent, type HarnessRequest, type Params, type Reply, type Route } from "../router.js";
import { copy } from "./context.js";

/** Finds the client or client scope the path names; undefined answers 404. */
export type MapperOwnerLookup = (params: Params) => JsonObject | undefined;

function conflict(owner: JsonObject, name: string, exceptId?: string): boolean {
  return objects(owner, "protocolMappers").some((mapper) => mapper.name === name && mapper.id !== exceptId);
}

function addMapper(owner: JsonObject, body: JsonObject): JsonObject {
  const mapper: JsonObject = { ...copy(body), id: randomUUID() };
  objects(owner, "protocolMappers").push(mapper);
  return mapper;
}

export function protocolMapperRoutes(base: string, notFound: string, findOwner: MapperOwnerLookup): Route[] {
  const withOwner = (params: Params, handle: (owner: JsonObject) => Reply): Reply => {
    const owner = findOwner(params);
    return owner ? handle(owner) : error(404, notFound);
  };
  const created = (request: HarnessRequest, id: string): Reply => ({
    status: 201,
    headers: { location: `${request.origin}${request.path.replace(/\/$/, "")}/${id}` },
  });
  return [
    {
      method: "GET",
      pattern: `${base}/protocol-mappers/models`,
      handle: (_request, params) => withOwner(params, (owner) => json(copy(objects(owner, "protocolMappers")))),
    },
    {
      method: "POST",
      pattern: `${base}/protocol-mappers/models`,
      handle: (request, params) =>
        withOwner(params, (owner) => {
          if (!isProtocolMapperShape(request.json)) return error(400, "Invalid protocol mapper representation");
          const name = String(request.json.name);
          if (conflict(owner, name)) return error(409, `Protocol mapper exists with same name`);
          return created(request, String(addMapper(owner, request.json).id));
        }),
    },
    {
      // "Add predefined mappers" / "By configuration" in bulk.
      method: "POST",
      pattern: `${base}/protocol-mappers/add-models`,
      handle: (request, params) =>
        withOwner(params, (owner) => {
          const bodies = Array.isArray(request.json) ? request.json.filter(isObject) : [];
          if (!bodies.every(isProtocolMapperShape)) return error(400, "Invalid protocol mapper representation");
          for (const body of bodies) addMapper(owner, body);
          return noContent();
        }),
    },
    {
      method: "GET",
      pattern: `${base}/protocol-mappers/models/:mapperId`,
      handle: (_request, params) =>
        withOwner(params, (owner) => {
          const mapper = objects(owner, "protocolMappers").find((item) => item.id === params.mapperId);
          return mapper ? json(copy(mapper)) : error(404, "Model not found");
        }),
    },
    {
      method: "PUT",
      pattern: `${base}/protocol-mappers/models/:mapperId`,
      handle: (request, params) =>
        withOwner(params, (owner) => {
          const mappers = objects(owner, "protocolMappers");
          const index = mappers.findIndex((item) => item.id === params.mapperId);
          if (index < 0) return error(404, "Model not found");
          if (!isProtocolMapperShape(request.json)) return error(400, "Invalid protocol mapper representation");
          mappers[index] = { ...copy(request.json), id: params.mapperId ?? "" };
          owner.protocolMappers = mappers;
          return noContent();
        }),
    },
    {
      method: "DELETE",
      pattern: `${base}/protocol-mappers/models/:mapperId`,
      handle: (_request, params) =>
        withOwner(params, (owner) => {
          const mappers = objects(owner, "protocolMappers");
          if (!mappers.some((item) => item.id === params.mapperId)) return error(404, "Model not found");
          owner.protocolMappers = mappers.filter((item) => item.id !== params.mapperId);
          return noContent();
        }),
    },
  ];
}
