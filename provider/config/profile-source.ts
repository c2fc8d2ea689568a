/**
 * Named profiles: `csbs:profiles.<name>.<field>` in stack config (set with `pulumi config set --path`), each a
 * partial set of the settings fields layered over the stack-wide ones. Pulumi hands the whole `csbs:profiles`
 * object to the program and the provider as one JSON text, so this module parses it once and reads one profile.
 */
import { PROFILE_NAME_PATTERN } from "../domain/profile-name";
import { emptyLayer, setFirst, type SettingsLayer } from "./layer";
import { SETTINGS_FIELDS, type SettingsField } from "./settings";
import { CONFIG_NAMESPACE, type ConfigReader } from "./stack-config-source";

/** The stack config key holding every profile. */
export const PROFILES_KEY = `${CONFIG_NAMESPACE}:profiles`;

/** What a profile name may be: it is one step of a `--path`, so no dots or brackets. */
export const PROFILE_NAME = PROFILE_NAME_PATTERN;

/** A profile's raw values by field, as the stack config holds them. */
export type ProfileValues = Partial<Record<SettingsField, unknown>>;

/** Stack config that cannot be read as profiles, or a profile that is not there: the message says how to fix it. */
export class ProfileConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProfileConfigError";
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Every profile of the stack config by name; none when `csbs:profiles` is not set. Throws on a malformed value. */
export function readProfiles(config: ConfigReader): Map<string, ProfileValues> {
  const raw = config(PROFILES_KEY);
  const profiles = new Map<string, ProfileValues>();
  if (raw === undefined || raw.trim() === "") return profiles;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // Never quote the text: it may hold a password.
    throw new ProfileConfigError(`${PROFILES_KEY} is not an object: set each profile's settings with \`pulumi config set --path '${PROFILES_KEY}.<name>.<setting>' <value>\``);
  }
  if (!isObject(parsed)) {
    throw new ProfileConfigError(`${PROFILES_KEY} is not an object: set each profile's settings with \`pulumi config set --path '${PROFILES_KEY}.<name>.<setting>' <value>\``);
  }
  for (const [name, values] of Object.entries(parsed)) {
    if (!PROFILE_NAME.test(name)) {
      throw new ProfileConfigError(`${PROFILES_KEY} has a profile named ${JSON.stringify(name)}: a profile name is 1 to 64 letters, digits, _ or -; rename it`);
    }
    if (!isObject(values)) {
      throw new ProfileConfigError(`${PROFILES_KEY}.${name} is not an object of settings: set them one by one, e.g. \`pulumi config set --path '${PROFILES_KEY}.${name}.region' eu-west-0\``);
    }
    for (const [field, value] of Object.entries(values)) {
      if (!(SETTINGS_FIELDS as readonly string[]).includes(field)) {
        throw new ProfileConfigError(`${PROFILES_KEY}.${name}.${field} is not a setting: a profile may set ${SETTINGS_FIELDS.join(", ")}`);
      }
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
        throw new ProfileConfigError(`${PROFILES_KEY}.${name}.${field} is not a text, number or boolean: set it with \`pulumi config set --path '${PROFILES_KEY}.${name}.${field}' <value>\``);
      }
    }
    profiles.set(name, values as ProfileValues);
  }
  return profiles;
}

/** The origin text of a profile's field, e.g. `stack config csbs:profiles.paris.region`. */
export function profileOrigin(profile: string, field: SettingsField): string {
  return `stack config ${PROFILES_KEY}.${profile}.${field}`;
}

/** The layer of one profile; throws naming the profiles that exist when it is not defined. */
export function profileLayer(config: ConfigReader, profile: string): SettingsLayer {
  const profiles = readProfiles(config);
  const values = profiles.get(profile);
  if (values === undefined) throw undefinedProfile(profile, [...profiles.keys()]);
  const layer = emptyLayer(`profile "${profile}"`);
  for (const field of SETTINGS_FIELDS) setFirst(layer, field, [[profileOrigin(profile, field), values[field]]]);
  return layer;
}

/** A profile the stack config does not define. */
export class UndefinedProfileError extends ProfileConfigError {
  constructor(
    readonly profile: string,
    known: readonly string[],
  ) {
    const have = known.length === 0 ? "it defines no profiles" : `its profiles are ${known.map((n) => `"${n}"`).sort().join(", ")}`;
    super(
      `profile "${profile}" is not in the stack config (${have}): define it with \`pulumi config set --path '${PROFILES_KEY}.${profile}.region' <region>\` (and any other setting it changes), or fix the name`,
    );
    this.name = "UndefinedProfileError";
  }
}

function undefinedProfile(profile: string, known: readonly string[]): UndefinedProfileError {
  return new UndefinedProfileError(profile, known);
}
