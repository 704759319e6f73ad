/** Singular and plural of English nouns, enough for the names of collections in paths. */

const IRREGULAR: Record<string, string> = {
  person: "people",
  child: "children",
  man: "men",
  woman: "women",
  mouse: "mice",
  goose: "geese",
  foot: "feet",
  tooth: "teeth",
  ox: "oxen",
  datum: "data",
  criterion: "criteria",
  phenomenon: "phenomena",
  index: "indices",
  matrix: "matrices",
  vertex: "vertices",
  analysis: "analyses",
  thesis: "theses",
  leaf: "leaves",
  knife: "knives",
  life: "lives",
  wife: "wives",
  half: "halves",
  shelf: "shelves",
  wolf: "wolves",
  quiz: "quizzes",
  hero: "heroes",
  potato: "potatoes",
  tomato: "tomatoes",
  echo: "echoes",
  cactus: "cacti",
  alias: "aliases",
  status: "statuses",
  bus: "buses",
  virus: "viruses",
  campus: "campuses",
  bonus: "bonuses",
  census: "censuses",
  chorus: "choruses",
};
const SINGULAR_OF = Object.fromEntries(Object.entries(IRREGULAR).map(([one, many]) => [many, one]));
// Plural and singular are the same word.
const INVARIANT = new Set(["series", "species", "news", "sheep", "fish", "deer", "info", "information", "metadata", "feedback", "music", "equipment", "software", "media", "money"]);
// Singulars that end in "ie", so "movies" is not "movy".
const IE_WORDS = new Set(["movie", "cookie", "zombie", "rookie", "pie", "tie", "lie", "calorie", "selfie", "hoodie", "genie", "smoothie", "brownie", "goalie", "newbie", "sortie"]);

export function singularOf(word: string): string {
  const w = word.toLowerCase();
  if (INVARIANT.has(w) || w.length < 3) return w;
  if (SINGULAR_OF[w]) return SINGULAR_OF[w] ?? w;
  if (IRREGULAR[w]) return w;
  if (w.endsWith("ies")) return IE_WORDS.has(w.slice(0, -1)) ? w.slice(0, -1) : `${w.slice(0, -3)}y`;
  if (/(ss|x|ch|sh|zz)es$/.test(w)) return w.slice(0, -2);
  if (/(us|ss|is)$/.test(w)) return w;
  if (w.endsWith("s")) return w.slice(0, -1);
  return w;
}

export function pluralOf(word: string): string {
  const w = word.toLowerCase();
  if (INVARIANT.has(w)) return w;
  if (IRREGULAR[w]) return IRREGULAR[w] ?? w;
  if (SINGULAR_OF[w]) return w;
  if (singularOf(w) !== w) return w;
  if (/[^aeiou]y$/.test(w)) return `${w.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(w)) return `${w}es`;
  return `${w}s`;
}

/** Lower-case words of a name: `saved-searches`, `savedSearches`, `saved_searches` → ["saved", "searches"]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Singular and plural words of a collection name; only the last word changes. */
export function collectionWords(name: string): { singular: string[]; plural: string[] } {
  const words = nameWords(name);
  const last = words.pop() ?? "item";
  return { singular: [...words, singularOf(last)], plural: [...words, pluralOf(last)] };
}
