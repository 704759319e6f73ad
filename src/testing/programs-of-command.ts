// Run by the shell itself: never looked up on PATH.
const BUILTINS = new Set([
  ":", ".", "[", "alias", "cd", "echo", "eval", "exit", "export", "false", "printf", "pwd", "read",
  "set", "shift", "source", "test", "trap", "true", "type", "ulimit", "umask", "unset", "wait",
]);

// Words that run the program after them.
const WRAPPERS = new Set(["env", "exec", "time"]);

// Compound commands and subshells: their first word says nothing about the program they run.
const UNREADABLE_START = /^(if|then|elif|else|fi|for|while|until|do|done|case|esac|select|function|!|\[\[|\{|\()$/;

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const VARIABLE = /^\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/;

// `if command -v pytest >/dev/null 2>&1; then pytest; else python3 -m pytest; fi`: either program will do.
const COMMAND_V_FALLBACK = /^if\s+command\s+-v\s+([^\s;]+)[^;]*;\s*then\s+(.+?);\s*else\s+(.+?);\s*fi\s*$/s;

interface SimpleCommand {
  words: string[];
  /** `&&`, `||`, `;`, `|` or `&` after the command; undefined at the end or at what the reader stops on. */
  operator: string | undefined;
  rest: string;
}

/**
 * The words of the first simple command of `text`, quotes removed, up to the first operator.
 * Stops at redirections and substitutions; undefined for an unclosed quote or a substitution
 * before the program. Variables stay in the words as written (`$HOME`).
 */
function readSimpleCommand(text: string): SimpleCommand | undefined {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  const end = () => {
    if (inWord) words.push(word);
    word = "";
    inWord = false;
  };
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      if (close < 0) return undefined;
      word += text.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (c === "\\") {
      word += text[i + 1] ?? "";
      inWord = true;
      i += 2;
    } else if (/\s/.test(c) && c !== "\n") {
      end();
      i += 1;
    } else if (c === ";" || c === "&" || c === "|") {
      end();
      const operator = text.slice(i, i + 2) === "&&" || text.slice(i, i + 2) === "||" ? text.slice(i, i + 2) : c;
      return { words, operator, rest: text.slice(i + operator.length).trim() };
    } else if (c === "$" && VARIABLE.test(text.slice(i))) {
      const variable = VARIABLE.exec(text.slice(i))![0];
      word += variable;
      inWord = true;
      i += variable.length;
    } else if (c === "$" || c === "`") {
      // A command substitution after the program is harmless; before it, unreadable.
      if (!words.some((w) => !ASSIGNMENT.test(w))) return undefined;
      end();
      return { words, operator: undefined, rest: "" };
    } else if ("<>()\n".includes(c)) {
      end();
      return { words, operator: undefined, rest: "" };
    } else {
      word += c;
      inWord = true;
      i += 1;
    }
  }
  end();
  return { words, operator: undefined, rest: "" };
}

/**
 * The program a simple command runs: past `NAME=value` assignments and `env`/`exec`/`time`.
 * Undefined when a wrapper takes options (`env -u NAME`), which may take arguments of their own.
 */
function programOf(words: string[]): string | undefined {
  let wrapped = false;
  for (const w of words) {
    if (ASSIGNMENT.test(w)) continue;
    if (WRAPPERS.has(w)) wrapped = true;
    else if (wrapped && w.startsWith("-")) return undefined;
    else return w;
  }
  return undefined;
}

/**
 * The programs a test command needs from PATH before anything runs, as alternatives: any one of
 * them will do (`pnpm test || npm test`, the pytest-or-python3 fallback). Leading `cd dir &&` and
 * other builtins are passed over. Undefined when the command runs no program found on PATH (a
 * path such as `./test.sh`, only builtins) or is shell this reader does not follow (subshells,
 * loops, a variable as the program): such a command is run as it is, and a program it lacks shows
 * in its output instead.
 */
export function programsOfCommand(command: string): string[] | undefined {
  const fallback = COMMAND_V_FALLBACK.exec(command.trim());
  if (fallback) {
    const other = programsOfCommand(fallback[3]!);
    return other ? [...new Set([fallback[1]!, ...other])] : undefined;
  }
  const alternatives: string[] = [];
  let text = command.trim();
  while (text !== "") {
    const first = text.split(/\s+/, 1)[0]!;
    if (UNREADABLE_START.test(first) || first.startsWith("(") || first.startsWith("{")) return undefined;
    const simple = readSimpleCommand(text);
    if (!simple) return undefined;
    const program = programOf(simple.words);
    if (program === undefined) return undefined;
    if (/[/$`*?[\]~]/.test(program)) return undefined;
    const builtin = BUILTINS.has(program);
    if (!builtin) alternatives.push(program);
    // `a || b`: b runs when a cannot; `cd app && pytest`: the builtin needs nothing, the next does.
    const next = simple.operator === "||" || (builtin && (simple.operator === "&&" || simple.operator === ";"));
    if (!next) break;
    text = simple.rest;
  }
  return alternatives.length > 0 ? [...new Set(alternatives)] : undefined;
}
