/** Issues as people write them, one per scenario the Fastify writer covers. */

export const DICE = `Dice roller route

Add \`GET /dice/:sides\` that rolls a fair die with that many sides and answers \`{ "sides": 6, "result": 4 }\`.

\`sides\` must be an integer from 2 to 100; let the route's JSON schema reject anything else with Fastify's usual 400. Put it in its own folder under \`routes/\`, like \`example\`.`;

export const TODOS = `Todos resource

We want a small todos API next to the quiz routes. Please add a CRUD resource for todos under \`/todos\`, kept in memory:

- \`GET /todos\` lists them
- \`POST /todos\` creates one and answers \`201\` with the todo including its generated integer \`id\`
- \`GET /todos/:id\`, \`PUT /todos/:id\`, \`DELETE /todos/:id\` (\`204\`)

A todo has a \`title\` (string, required, 1 to 100 characters) and \`done\` (boolean, defaults to \`false\`). Validate bodies with the route's JSON schema. An unknown id answers \`404\` through \`reply.notFound()\` from @fastify/sensible.`;

export const HEALTH = `Health endpoint

Add \`GET /health\` answering \`{ "status": "ok", "uptime": 12.34 }\`: \`status\` is always \`"ok"\` and \`uptime\` is the number of seconds since the process started. Describe the answer with a TypeBox response schema like \`/about\` does.`;

export const BOOKS = `Books CRUD

Add a books resource at \`/books\`, kept in memory like the notes:

- \`GET /books\` lists the books
- \`POST /books\` creates one and answers \`201\`
- \`GET /books/:id\` answers one book
- \`PUT /books/:id\` replaces it
- \`DELETE /books/:id\` answers \`204\`

A book has \`title\` (string, required), \`author\` (string, required) and \`year\` (integer, optional). Use TypeBox schemas for the bodies: a missing \`author\` is a \`400\`. Unknown ids answer \`404\`.`;

export const CHORE_BY_ID = `Fetch a single chore

Add \`GET /api/v1/chores/:id\` returning the chore, or \`404\` when it does not exist. Use the same in-memory store as the other chores routes.`;

/** A custom error body the schema cannot give: checked in the handler instead. */
export const GREETING = `Greeting with a length limit

Add \`GET /greeting\` → \`{ "greeting": "Hello, World!" }\`, and \`GET /greeting?name=Ada\` → \`{ "greeting": "Hello, Ada!" }\`.

Names longer than 20 characters get a \`422\` with \`{ "error": "<message>" }\`.`;
