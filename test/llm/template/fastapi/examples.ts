import type { Blueprint, ResourcePlan } from "../../../../src/llm/template/blueprint/blueprint.js";
import type { TestCase } from "../../../../src/llm/template/testgen/test-plan.js";
import { crud, custom, endpoint, equals, field, input, names, object, pathParam, ref, repoError, REPO_422, requiredRules, stated, status, step, testCase } from "./blueprints.js";

export interface Example {
  fixture: string;
  blueprint: Blueprint;
  cases: TestCase[];
}

const listingFields = [field("address", "string", true), field("price", "integer", true), field("bedrooms", "integer", true)];
const listing = { address: "1 Main St", price: 250000, bedrooms: 3 };

/** 1. Listings under the `/api` router of an app factory, behind a header token. */
export function listingsExample(): Example {
  const resource: ResourcePlan = { names: names(["listing"], ["listings"]), basePath: "/api/listings", idName: "id", idType: "integer", fields: listingFields, store: "new" };
  const blueprint = crud({
    resource,
    roles: ["list", "create", "get", "replace", "delete"],
    auth: { required: true, guard: "security.validate_request" },
    notFound: repoError(404, "Listing not found"),
  });
  const create = (save = "created") => step("POST", ["api", "listings"], [status(201)], { body: listing, auth: "valid", save });
  return {
    fixture: "fastapi-factory-nested",
    blueprint,
    cases: [
      testCase(
        "POST /api/listings creates a listing",
        step("POST", ["api", "listings"], [status(201), equals(["address"], "1 Main St"), { k: "type", path: ["id"], type: "integer" }], { body: listing, auth: "valid", save: "created" }),
        step("GET", ["api", "listings", ref("created", "id")], [status(200), { k: "equals", path: ["id"], to: { k: "saved", ref: ref("created", "id") } }], { auth: "valid" }),
      ),
      testCase(
        "GET /api/listings lists the created listing",
        create(),
        step("GET", ["api", "listings"], [status(200), { k: "containsWhere", path: [], key: "id", to: { k: "saved", ref: ref("created", "id") } }], { auth: "valid" }),
      ),
      testCase(
        "PUT /api/listings/:id replaces a listing",
        create(),
        step("PUT", ["api", "listings", ref("created", "id")], [status(200), equals(["price"], 199000)], { body: { ...listing, price: 199000 }, auth: "valid" }),
      ),
      testCase(
        "DELETE /api/listings/:id removes a listing",
        create(),
        step("DELETE", ["api", "listings", ref("created", "id")], [status(204)], { auth: "valid" }),
        step("GET", ["api", "listings", ref("created", "id")], [status(404)], { auth: "valid" }),
      ),
      testCase("GET /api/listings/:id answers 404 for an unknown listing", step("GET", ["api", "listings", "999999"], [status(404), equals(["detail"], "Listing not found")], { auth: "valid" })),
      testCase("POST /api/listings answers 422 without a price", step("POST", ["api", "listings"], [status(422)], { body: { address: "2 Side St", bedrooms: 1 }, auth: "valid" })),
      testCase("GET /api/listings answers 400 without the token header", step("GET", ["api", "listings"], [status(400)])),
    ],
  };
}

/** 2. A custom endpoint mirroring `api_a`: logic in its own package, the view in `views.py`. */
export function wordExample(): Example {
  const word = input("word");
  const blueprint = custom({
    endpoints: [
      endpoint({
        method: "GET",
        path: "/api_c/:word",
        role: "custom",
        params: [pathParam("word", "string", { maxLength: 32 })],
        rules: [{ where: "path", field: "word", rule: "maxLength", value: 32, error: { ...REPO_422, message: "word must be at most 32 characters" } }],
        value: {
          k: "expr",
          expr: object({ word, length: { k: "length", of: word }, reversed: { k: "reverse", of: word }, is_palindrome: { k: "palindrome", of: word, ignoreCase: true } }),
        },
      }),
    ],
    auth: { required: true, guard: "get_current_user" },
    hints: { paths: ["app/apis/", "app/routes/views.py", "app/tests/test_apis.py"], mirror: "api_a", testsAt: "app/tests/test_apis.py" },
  });
  return {
    fixture: "fastapi-flat-views",
    blueprint,
    cases: [
      testCase(
        "GET /api_c/:word describes the word",
        step("GET", ["api_c", "Level"], [status(200), equals(["word"], "Level"), equals(["length"], 5), equals(["reversed"], "leveL"), equals(["is_palindrome"], true)], { auth: "valid" }),
      ),
      testCase("GET /api_c/:word answers 422 for a word longer than 32 characters", step("GET", ["api_c", "a".repeat(33)], [status(422)], { auth: "valid" })),
      testCase("GET /api_c/:word answers 401 without a token", step("GET", ["api_c", "abc"], [status(401)])),
    ],
  };
}

/** 3. A public custom endpoint next to the heartbeat, answering constants of the configuration. */
export function versionExample(wrongVersion = false): Example {
  const constant = (name: string, value: string) => ({ k: "constant" as const, file: "fastapi_skeleton/core/config.py", name, value });
  const blueprint = custom({
    endpoints: [
      endpoint({
        method: "GET",
        path: "/api/health/version",
        role: "custom",
        value: { k: "expr", expr: object({ app_name: constant("APP_NAME", "Skeleton API"), version: constant("APP_VERSION", "0.3.1") }) },
      }),
    ],
    auth: { required: false },
    hints: { mirror: "HearbeatResult", names: ["APP_NAME", "APP_VERSION"] },
  });
  return {
    fixture: "fastapi-factory-nested",
    blueprint,
    cases: [
      testCase(
        "GET /api/health/version answers the app name and version",
        step("GET", ["api", "health", "version"], [status(200), equals(["app_name"], "Skeleton API"), equals(["version"], wrongVersion ? "9.9.9" : "0.3.1")]),
      ),
    ],
  };
}

/** 4. Notes CRUD in a module of its own, included from the app factory, behind a bearer guard. */
export function notesExample(): Example {
  const fields = [field("title", "string", true, { minLength: 1, maxLength: 100 }), field("body", "string", false, {}, { nullable: true })];
  const resource: ResourcePlan = { names: names(["note"], ["notes"]), basePath: "/notes", idName: "id", idType: "integer", fields, store: "new" };
  const blueprint = crud({ resource, roles: ["list", "create", "get", "update", "delete"], auth: { required: true, guard: "get_current_user" }, notFound: repoError(404, "Note not found") });
  const create = step("POST", ["notes"], [status(201), equals(["title"], "Groceries"), equals(["body"], null)], { body: { title: "Groceries" }, auth: "valid", save: "created" });
  return {
    fixture: "fastapi-attr-app",
    blueprint,
    cases: [
      testCase("POST /notes creates a note without a body", create),
      testCase(
        "PATCH /notes/:id changes only the fields sent",
        create,
        step("PATCH", ["notes", ref("created", "id")], [status(200), equals(["body"], "milk, eggs"), equals(["title"], "Groceries")], { body: { body: "milk, eggs" }, auth: "valid" }),
      ),
      testCase(
        "DELETE /notes/:id removes the note",
        create,
        step("DELETE", ["notes", ref("created", "id")], [status(204)], { auth: "valid" }),
        step("GET", ["notes"], [status(200), { k: "lacksWhere", path: [], key: "id", to: { k: "saved", ref: ref("created", "id") } }], { auth: "valid" }),
      ),
      testCase("POST /notes answers 422 for an empty title", step("POST", ["notes"], [status(422)], { body: { title: "" }, auth: "valid" })),
      testCase("GET /notes answers 403 without a token", step("GET", ["notes"], [{ k: "statusOneOf", statuses: [401, 403] }])),
    ],
  };
}

/** 5. Contacts whose errors the issue states: 400 and 404 with `{"error": ...}`, checked in the handler. */
export function contactsExample(): Example {
  const fields = [field("name", "string", true), field("email", "string", true, { contains: "@" })];
  const resource: ResourcePlan = { names: names(["contact"], ["contacts"]), basePath: "/api/contacts", idName: "id", idType: "integer", fields, store: "new" };
  const blueprint = crud({
    resource,
    roles: ["list", "create", "get", "delete"],
    auth: { required: false },
    rules: [
      ...requiredRules([fields[0]!], stated(400, "name is required")),
      { where: "body", field: "email", rule: "contains", value: "@", error: stated(400, "email must contain @") },
    ],
    invalid: stated(400, "The contact is not valid."),
    notFound: stated(404, "Contact not found"),
  });
  return {
    fixture: "fastapi-factory-nested",
    blueprint,
    cases: [
      testCase("POST /api/contacts creates a contact", step("POST", ["api", "contacts"], [status(201), equals(["email"], "ada@example.com")], { body: { name: "Ada", email: "ada@example.com" } })),
      testCase("POST /api/contacts answers 400 without a name", step("POST", ["api", "contacts"], [status(400), equals(["error"], "name is required")], { body: { email: "ada@example.com" } })),
      testCase("POST /api/contacts answers 400 for an email without @", step("POST", ["api", "contacts"], [status(400), { k: "has", path: ["error"] }], { body: { name: "Ada", email: "ada.example.com" } })),
      testCase("POST /api/contacts answers 400 for a name that is not a string", step("POST", ["api", "contacts"], [status(400)], { body: { name: ["Ada"], email: "ada@example.com" } })),
      testCase("GET /api/contacts/:id answers 404 for an unknown contact", step("GET", ["api", "contacts", "424242"], [status(404), equals(["error"], "Contact not found")])),
    ],
  };
}

/** Endpoints added to a collection the repository serves already, on its own store. */
export function itemsExample(): Example {
  const fields = [field("name", "string", true, { minLength: 1, maxLength: 80 }), field("quantity", "integer", false, { minimum: 0 }, { default: 1 })];
  const resource: ResourcePlan = { names: names(["item"], ["items"]), basePath: "/items", idName: "id", idType: "integer", fields, store: "existing" };
  const blueprint = crud({ resource, roles: ["update", "delete"], auth: { required: true, guard: "get_current_user" }, notFound: repoError(404, "Item not found") });
  const create = step("POST", ["items"], [status(201)], { body: { name: "rice", quantity: 2 }, auth: "valid", save: "created" });
  return {
    fixture: "fastapi-attr-app",
    blueprint,
    cases: [
      testCase(
        "PATCH /items/:id changes the quantity",
        create,
        step("PATCH", ["items", ref("created", "id")], [status(200), equals(["quantity"], 5), equals(["name"], "rice")], { body: { quantity: 5 }, auth: "valid" }),
      ),
      testCase(
        "DELETE /items/:id removes the item",
        create,
        step("DELETE", ["items", ref("created", "id")], [status(204)], { auth: "valid" }),
        step("GET", ["items", ref("created", "id")], [status(404)], { auth: "valid" }),
      ),
      testCase("PATCH /items/:id answers 404 for an unknown item", step("PATCH", ["items", "31337"], [status(404)], { body: { quantity: 1 }, auth: "valid" })),
    ],
  };
}

/** Item routes on a list store of a router with its own prefix, in a repository without auth. */
export function todosExample(): Example {
  const resource: ResourcePlan = { names: names(["todo"], ["todos"]), basePath: "/todos", idName: "id", idType: "integer", fields: [field("title", "string", true)], store: "existing" };
  const blueprint = crud({ resource, roles: ["get", "delete"], auth: { required: false }, notFound: repoError(404, "Todo not found") });
  const create = step("POST", ["todos"], [status(201)], { body: { title: "Write tests" }, save: "created" });
  return {
    fixture: "fastapi-pytest",
    blueprint,
    cases: [
      testCase("GET /todos/:id answers the todo", create, step("GET", ["todos", ref("created", "id")], [status(200), equals(["title"], "Write tests")])),
      testCase(
        "DELETE /todos/:id removes the todo",
        create,
        step("DELETE", ["todos", ref("created", "id")], [status(204)]),
        step("GET", ["todos", ref("created", "id")], [status(404), equals(["detail"], "Todo not found")]),
      ),
    ],
  };
}

/** Custom endpoints next to the app's own routes in a single main module. */
export function greetingExample(): Example {
  const name = { k: "input" as const, name: "name", from: "query" as const, type: "string" as const };
  const blueprint = custom({
    endpoints: [
      endpoint({
        method: "GET",
        path: "/greeting",
        role: "custom",
        query: [{ name: "name", in: "query", type: "string", required: false, default: "World", constraints: { maxLength: 50 } }],
        rules: [{ where: "query", field: "name", rule: "maxLength", value: 50, error: stated(400, "name must be at most 50 characters") }],
        value: { k: "expr", expr: object({ greeting: { k: "concat", parts: [{ k: "literal", value: "Hello, " }, name, { k: "literal", value: "!" }] } }) },
      }),
      endpoint({
        method: "GET",
        path: "/stats",
        role: "custom",
        value: {
          k: "expr",
          expr: object({
            uptime: { k: "uptime" },
            roll: { k: "randomInt", min: { k: "literal", value: 1 }, max: { k: "literal", value: 6 } },
            now: { k: "now", as: "iso" },
            double: { k: "arith", op: "*", left: { k: "arith", op: "+", left: { k: "literal", value: 1 }, right: { k: "literal", value: 2 } }, right: { k: "literal", value: 2 } },
          }),
        },
      }),
    ],
    auth: { required: false },
  });
  return {
    fixture: "fastapi-pytest",
    blueprint,
    cases: [
      testCase("GET /greeting greets the world by default", step("GET", ["greeting"], [status(200), equals(["greeting"], "Hello, World!")])),
      testCase("GET /greeting greets by name", step("GET", ["greeting"], [status(200), equals(["greeting"], "Hello, Ada!")], { query: [["name", "Ada"]] })),
      testCase("GET /greeting answers 400 for a name longer than 50 characters", step("GET", ["greeting"], [status(400), { k: "has", path: ["error"] }], { query: [["name", "x".repeat(51)]] })),
      testCase(
        "GET /stats answers numbers",
        step("GET", ["stats"], [status(200), { k: "type", path: ["uptime"], type: "number" }, { k: "between", path: ["roll"], min: 1, max: 6 }, { k: "includes", path: ["now"], text: "T" }, equals(["double"], 6)]),
      ),
    ],
  };
}

/** A custom POST reading a body, with a required query parameter. */
export function shoutExample(): Example {
  const text = { k: "input" as const, name: "text", from: "body" as const, type: "string" as const };
  const times = { k: "input" as const, name: "times", from: "query" as const, type: "integer" as const };
  const blueprint = custom({
    endpoints: [
      endpoint({
        method: "POST",
        path: "/shout",
        role: "custom",
        query: [{ name: "times", in: "query", type: "integer", required: true, constraints: { minimum: 1 } }],
        body: [field("text", "string", true, { maxLength: 10 })],
        rules: [
          { where: "body", field: "text", rule: "maxLength", value: 10, error: { ...REPO_422, message: "text must be at most 10 characters" } },
          { where: "query", field: "times", rule: "minimum", value: 1, error: { ...REPO_422, message: "times must be at least 1" } },
        ],
        value: { k: "expr", expr: object({ shout: { k: "upper", of: text }, length: { k: "arith", op: "*", left: { k: "length", of: text }, right: times } }) },
      }),
    ],
    auth: { required: false },
  });
  return {
    fixture: "fastapi-pytest",
    blueprint,
    cases: [
      testCase("POST /shout shouts", step("POST", ["shout"], [status(200), equals(["shout"], "HEY"), equals(["length"], 6)], { body: { text: "hey" }, query: [["times", "2"]] })),
      testCase("POST /shout answers 422 without times", step("POST", ["shout"], [status(422)], { body: { text: "hey" } })),
      testCase("POST /shout answers 422 for a long text", step("POST", ["shout"], [status(422)], { body: { text: "x".repeat(11) }, query: [["times", "1"]] })),
    ],
  };
}
