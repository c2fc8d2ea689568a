/** Inputs of a ServerBackup: an on-demand (one-off) backup of one server. */
import { profileSchema } from "./profile-input";
import { z } from "./zod";
import { isUuid } from "./association-inputs";
import { CheckFailure, failure, show } from "./failures";
import { defineRule, orUnknown, parseInputs, required, says, saysByCode, unknownPaths, withoutAbsent } from "./input-schema";
import { DESCRIPTION_FORBIDDEN, LIMITS, NAME_CHARS } from "./limits";
import { flagSchema } from "./policy-inputs";
import { tagsSchema } from "./tags";

/** Normalized inputs of a ServerBackup. Every one of them replaces the backup when it changes. */
export interface ServerBackupInputs {
  /** The server to back up (UUID, lower case). */
  serverId: string;
  /** The backup's name, 1-255 of letters, digits, `_`, `-` (not unique: the service allows duplicates). */
  name: string;
  /** 0-255 characters without `<` or `>`. @default "" */
  description: string;
  /** Ask for an incremental backup (the service makes the first backup of a server full anyway). @default true */
  incremental: boolean;
  /** @default {} */
  tags: Record<string, string>;
  /** Any values: a change takes a new backup. @default [] */
  triggers: unknown[];
  /** The stack config profile whose project and region hold the server. @default none: the stack-wide settings */
  profile?: string;
}

export interface ServerBackupInputsValidation {
  inputs?: ServerBackupInputs;
  failures: CheckFailure[];
  unknowns: string[];
}

const KEYS = ["serverId", "name", "description", "incremental", "tags", "triggers", "profile"];

const INPUTS_TYPE = defineRule("serverBackup.inputsType", ({ input }) => `inputs are ${show(input)}: ServerBackup inputs must be an object`);
const UNKNOWN_INPUT = defineRule("serverBackup.unknownInput", () => `is not an input of ServerBackup: remove it (inputs are ${KEYS.join(", ")})`);
const SERVER_ID = defineRule(
  "serverBackup.serverId",
  ({ input }) => `is ${show(input)}: a server id must be a UUID; pass the id of an ECS server, e.g. serverId: server.id`,
);
const NAME = defineRule("serverBackup.name", ({ input }) => {
  const rule = `a backup name must be ${LIMITS.nameMin}-${LIMITS.nameMax} characters of letters, digits, _ and -`;
  if (typeof input !== "string") return `is ${show(input)}: ${rule}; set name, e.g. "pre-upgrade"`;
  const fix =
    input.length > LIMITS.nameMax
      ? `shorten it to ${LIMITS.nameMax} characters`
      : `replace other characters, e.g. ${JSON.stringify(input.slice(0, 40).replace(/[^A-Za-z0-9_-]+/g, "-") || "pre-upgrade")}`;
  return `is ${show(input)}: ${rule}; ${fix}`;
});
const DESCRIPTION = defineRule(
  "serverBackup.description",
  ({ input }) => `is ${show(input)}: a backup description must be text of 0-${LIMITS.descriptionMax} characters without < or >; change it`,
);
const TRIGGERS = defineRule(
  "serverBackup.triggersList",
  ({ input }) => `is ${show(input)}: triggers must be a list of values whose change takes a new backup, e.g. triggers: [appVersion]`,
);

/** The structure of ServerBackup inputs. */
export const serverBackupInputsSchema = z.preprocess(
  (raw) => withoutAbsent(raw, true),
  z.strictObject(
    {
      serverId: required(SERVER_ID, orUnknown(z.string(says(SERVER_ID)).refine(isUuid, says(SERVER_ID)).transform((id) => id.toLowerCase()))),
      name: orUnknown(
        z.string(says(NAME)).refine((name) => name.length >= LIMITS.nameMin && name.length <= LIMITS.nameMax && NAME_CHARS.test(name), says(NAME)),
      ),
      description: orUnknown(
        z
          .string(says(DESCRIPTION))
          .max(LIMITS.descriptionMax, says(DESCRIPTION))
          .refine((text) => !DESCRIPTION_FORBIDDEN.test(text), says(DESCRIPTION)),
      ).default(""),
      incremental: flagSchema.default(true),
      tags: tagsSchema.default({}),
      // Any values: only their change matters. Unknown elements stay as the sentinel (the diff says "unknown").
      triggers: orUnknown(z.array(z.unknown(), says(TRIGGERS))).default([]),
      profile: profileSchema,
    },
    saysByCode({ unrecognized_keys: UNKNOWN_INPUT, otherwise: INPUTS_TYPE }),
  ),
);

/** Validates raw ServerBackup inputs; `name` must be present (the SDK fills in the default). Never throws. */
export function validateServerBackupInputs(raw: unknown): ServerBackupInputsValidation {
  const { value, failures } = parseInputs(serverBackupInputsSchema, raw);
  const unknowns = unknownPaths(withoutAbsent(raw, true));
  if (value === undefined) return { failures, unknowns };
  if (value.name === undefined) {
    return { failures: [failure("name", NAME, 'is missing: a backup needs a name; set name, e.g. "pre-upgrade"')], unknowns };
  }
  return {
    inputs: {
      serverId: value.serverId,
      name: value.name,
      description: value.description,
      incremental: value.incremental as boolean,
      tags: value.tags as Record<string, string>,
      triggers: value.triggers as unknown[],
      ...(value.profile !== undefined ? { profile: value.profile } : {}),
    },
    failures,
    unknowns,
  };
}
