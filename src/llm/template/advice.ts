/** Said whenever the built-in provider declines: how to get a model to do the task instead. */
export const MODEL_ADVICE =
  "To have a model do it, configure one: set ARCHON_PROVIDER=openai with OPENAI_BASE_URL (any OpenAI-compatible endpoint: OpenAI, Azure, Ollama, vLLM, llama.cpp), ARCHON_MODEL and, where needed, OPENAI_API_KEY, or set `provider: openai` in .github/archon.yml.";

export function declined(reason: string): string {
  return `${reason} The built-in template provider writes REST endpoints and CRUD resources for Express, Fastify and FastAPI repositories, and nothing else. ${MODEL_ADVICE}`;
}
