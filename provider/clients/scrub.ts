/**
 * Scrubbing of error text before it reaches a user, a log or Pulumi state. Services sometimes echo a request
 * (a Keystone 400 can quote the auth body), so every message we build from a response goes through here.
 */

/** What a scrubbed value is replaced with. */
export const REDACTED = "[secret]";

// Fernet tokens (gAAAAA…), JWTs, and long opaque runs mixing upper case, lower case and digits (PKI/UUID-less
// tokens, secrets). Ids (uuids, 32-hex) and paths stay readable: ids help users and are not secrets.
const TOKEN_LIKE = /\bgAAAAA[A-Za-z0-9_\-=]{20,}|\beyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-.]{10,}/g;
const OPAQUE_RUN = /[A-Za-z0-9_\-=]{64,}/g;

function looksOpaque(run: string): boolean {
  return /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run);
}
// `"password": "x"`, `secret=x`, `X-Auth-Token: x` and the like, in JSON, query strings and header dumps.
const KEYED_SECRET =
  /((?:"|')?(?:password|passwd|secret|token|x-auth-token|x-subject-token|authorization|api[_-]?key|credential)(?:"|')?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,&;{}\[\]"']+)/gi;

/** Every form in which a secret may appear in text: as is, base64, base64url and URL-encoded. */
export function secretVariants(secret: string): string[] {
  if (secret.length < 4) return [];
  const b64 = Buffer.from(secret, "utf8").toString("base64");
  const variants = new Set([secret, b64, b64.replace(/=+$/, ""), Buffer.from(secret, "utf8").toString("base64url"), encodeURIComponent(secret)]);
  return [...variants].sort((a, b) => b.length - a.length);
}

/**
 * Replaces the given secret values (in every encoding) and anything that looks like a credential with
 * `[secret]`. Short secrets (< 4 chars) are only caught by the keyed patterns, since replacing every
 * occurrence of "ab" would wreck the message.
 */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    for (const variant of secretVariants(secret)) out = out.split(variant).join(REDACTED);
  }
  out = out.replace(KEYED_SECRET, (_m, key: string, value: string) => {
    const quote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : "";
    return `${key}${quote}${REDACTED}${quote}`;
  });
  out = out.replace(TOKEN_LIKE, REDACTED);
  return out.replace(OPAQUE_RUN, (run) => (looksOpaque(run) ? REDACTED : run));
}

const SECRET_QUERY_KEY = /pass|secret|token|key|signature|credential|auth/i;

/** A path with its query string kept for readability, but with values of secret-looking parameters redacted. */
export function scrubPath(pathAndQuery: string): string {
  const q = pathAndQuery.indexOf("?");
  if (q < 0) return pathAndQuery;
  const params = new URLSearchParams(pathAndQuery.slice(q + 1));
  const kept: string[] = [];
  for (const [key, value] of params) {
    kept.push(`${encodeURIComponent(key)}=${SECRET_QUERY_KEY.test(key) ? REDACTED : encodeURIComponent(value)}`);
  }
  return kept.length ? `${pathAndQuery.slice(0, q)}?${kept.join("&")}` : pathAndQuery.slice(0, q);
}
