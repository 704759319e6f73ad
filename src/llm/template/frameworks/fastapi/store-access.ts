import type { Blueprint } from "../../blueprint/blueprint.js";
import { pyLiteral } from "../../python/python-literal.js";
import type { Result } from "../framework.js";
import type { FastapiRepo } from "./fastapi-repo.js";
import { findStore } from "./find-store.js";
import type { StoreAccess } from "./render-store.js";

/** How the new handlers reach an existing collection's items, or a decline when its store cannot be followed. */
export function existingStoreAccess(repo: FastapiRepo, blueprint: Blueprint, quote: "'" | '"'): Result<StoreAccess | undefined> {
  const resource = blueprint.resource;
  if (!resource) return { ok: true, value: undefined };
  const collection = repo.collections.find((c) => c.resource.basePath === resource.basePath);
  if (!collection) return { ok: true, value: undefined };
  const store = findStore(repo.project, collection, repo.models);
  if (!store) {
    return {
      ok: false,
      decline: {
        reason: `I could not find the in-memory list or dict the existing \`${resource.basePath}\` routes keep their ${resource.names.pluralWords} in.`,
        add: "Point the issue at the module that stores them.",
      },
    };
  }
  if (store.items === "attr" && blueprint.endpoints.some((endpoint) => endpoint.role === "create")) {
    return {
      ok: false,
      decline: { reason: `The existing \`${resource.basePath}\` routes store model objects in \`${store.local}\`, which I cannot build for a new create route faithfully.` },
    };
  }
  const key = pyLiteral(collection.resource.idName, quote);
  const nextId = store.kind === "dict" ? `max(${store.local}, default=0) + 1` : `max((item[${key}] for item in ${store.local}), default=0) + 1`;
  return { ok: true, value: { name: store.local, kind: store.kind, items: store.items, idKey: collection.resource.idName, nextId } };
}
