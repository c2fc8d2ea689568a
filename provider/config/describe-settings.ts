/** Redacted views of settings, for logs and for scrubbing error text. */
import { SECRET_FIELDS, SETTINGS_FIELDS, type Settings } from "./settings";

/** The secret values in use (password, application credential secret, token), for `scrubSecrets`. */
export function secretValues(settings: Partial<Settings>): string[] {
  return [settings.password, settings.applicationCredentialSecret, settings.token].filter((v): v is string => typeof v === "string" && v !== "");
}

/**
 * One line per set field with where it came from; secrets print as `[secret]`, a PEM CA as its size.
 * Example: `authUrl=https://keystone:5000/v3 (OS_AUTH_URL)`.
 */
export function describeSettings(settings: Settings): string {
  const lines = [...(settings.profile !== undefined ? [`profile=${settings.profile}`] : []), `authMethod=${settings.authMethod}`];
  for (const field of SETTINGS_FIELDS) {
    const value = settings[field];
    if (value === undefined) continue;
    const origin = settings.origins[field];
    let shown: string;
    if (SECRET_FIELDS.has(field)) shown = "[secret]";
    else if (field === "cacert" && typeof value === "string" && value.includes("-----BEGIN")) shown = `[PEM, ${value.length} chars]`;
    else shown = String(value);
    lines.push(`${field}=${shown}${origin ? ` (${origin})` : ""}`);
  }
  return lines.join("\n");
}
