const SECRET_FILES: [RegExp, string][] = [
  [/^\.env($|\.)/, "environment files hold secrets"],
  [/\.(pem|key|p12|pfx|jks|keystore)$/, "key and certificate files hold secrets"],
  [/^id_(rsa|dsa|ecdsa|ed25519)/, "SSH keys are secrets"],
  [/^\.(npmrc|yarnrc\.yml|pypirc|netrc|git-credentials|htpasswd)$/, "registry and login files hold tokens"],
  [/^(.*[._-])?credentials?(\.(json|ya?ml|ini|txt|xml|toml|env|csv))?$/, "credentials files hold secrets"],
  [/^secrets?\.(json|ya?ml|toml|env)$/, "secrets files hold secrets"],
];

/**
 * Why a path may never be written by an agent, whatever the repository config says, or undefined.
 * Compared case-insensitively: case-insensitive checkouts (macOS, Windows) would treat
 * `.GitHub/Workflows` as the workflows folder.
 */
export function protectedReason(path: string): string | undefined {
  const lower = path.toLowerCase();
  const parts = lower.split("/");
  if (lower.startsWith(".github/workflows/") || lower === ".github/workflows") {
    return "workflow files run with the repository's secrets and are never written by Archon";
  }
  if (parts.includes(".git")) return "the .git directory is git's own data";
  if (/^\.github\/archon\.ya?ml$/.test(lower)) return "Archon never changes its own configuration";
  const name = parts[parts.length - 1] ?? "";
  const secret = SECRET_FILES.find(([pattern]) => pattern.test(name));
  if (secret) return secret[1];
  if (parts.includes(".ssh") || parts.includes(".aws") || parts.includes(".gnupg")) return "key folders hold secrets";
  return undefined;
}
