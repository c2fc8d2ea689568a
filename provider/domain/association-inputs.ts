/** Inputs of a PolicyAssociation: which servers one policy protects. */
import { z } from "./zod";
import { CheckFailure, show } from "./failures";
import { defineRule, orUnknown, parseInputs, report, says, saysByCode, unknownPaths, withoutAbsent } from "./input-schema";
import { LIMITS } from "./limits";
import { flagSchema } from "./policy-inputs";
import { isRecord } from "./coerce";
import { profileSchema } from "./profile-input";
import { type ServerSelector, serverSelectorSchema } from "./server-selector";
import { isUnknown } from "./unknown";

/** Normalized inputs of a PolicyAssociation. */
export interface AssociationInputs {
  /** Id of the backup policy (UUID, lower case). */
  policyId: string;
  /** ECS server ids (UUIDs, lower case, unique), 1 to 64; with a selector, empty until the hook resolves it. */
  serverIds: string[];
  /** Servers chosen by tags and metadata instead of ids. @default - none */
  serverSelector?: ServerSelector;
  /** A selector may match no server; present exactly when `serverSelector` is. @default false */
  allowEmpty?: boolean;
  /** Move servers that another policy holds into this one (the console's behaviour). @default false */
  takeOver: boolean;
  /** The stack config profile whose project and region hold the policy. @default its policy's profile, else none */
  profile?: string;
}

/** Validated association inputs; paths in `unknowns` hold the preview sentinel. */
export interface AssociationInputsValidation {
  inputs?: AssociationInputs;
  failures: CheckFailure[];
  unknowns: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEYS = ["policyId", "serverIds", "serverSelector", "allowEmpty", "takeOver", "profile"];
const RANGE = `an association lists ${LIMITS.serverIdsMin} to ${LIMITS.serverIdsMax} server ids`;

/** True for a UUID in 8-4-4-4-12 hex form, any case. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value.toLowerCase());
}

const INPUTS_TYPE = defineRule("association.inputsType", ({ input }) => `inputs are ${show(input)}: PolicyAssociation inputs must be an object`);
const UNKNOWN_INPUT = defineRule(
  "association.unknownInput",
  () => `is not an input of PolicyAssociation: remove it (inputs are ${KEYS.join(", ")})`,
);
const POLICY_ID = defineRule(
  "association.policyId",
  ({ input }) => `is ${show(input)}: a policy id must be a UUID; pass the id output of a BackupPolicy, e.g. policy.id`,
);
const SERVER_IDS = defineRule("association.serverIdsList", ({ input }) => `is ${show(input)}: ${RANGE}; write e.g. serverIds: [server.id]`);
const NO_SERVERS = defineRule("association.noServers", () => `is empty: ${RANGE}; add a server id, or delete the association`);
const TOO_MANY_SERVERS = defineRule(
  "association.tooManyServerIds",
  ({ input }) =>
    `has ${Array.isArray(input) ? input.length : 0} ids: ${RANGE} (a policy holds at most ${LIMITS.serversPerPolicy}); split them over two policies`,
);
const SERVER_ID = defineRule(
  "association.serverId",
  ({ input }) => `is ${show(input)}: a server id must be a UUID; pass the id of an ECS server, e.g. server.id`,
);
const DUPLICATE_SERVER = defineRule(
  "association.duplicateServerId",
  ({ input, params }) => `is ${show(input)}, already listed at serverIds[${Number(params.earlier)}]: server ids must be unique; remove one`,
);

const IDS_AND_SELECTOR = defineRule(
  "association.idsAndSelector",
  () => "is set together with serverIds: an association lists its servers or selects them, not both; keep one of serverIds and serverSelector",
);
const SERVERS_MISSING = defineRule(
  "association.serversMissing",
  () => 'is missing: give the servers to protect, as serverIds: [server.id] or as serverSelector: { tags: ["web"] }',
);
const ALLOW_EMPTY = defineRule(
  "association.allowEmptyWithoutSelector",
  () => "is true without serverSelector: only a selector can match no server; remove allowEmpty, or select the servers with serverSelector",
);

const uuid = z.string(says(SERVER_ID)).refine(isUuid, says(SERVER_ID));

const serverIds = z
  .array(orUnknown(uuid), saysByCode({ too_small: NO_SERVERS, too_big: TOO_MANY_SERVERS, otherwise: SERVER_IDS }))
  .min(LIMITS.serverIdsMin)
  .max(LIMITS.serverIdsMax)
  .superRefine(
    (list, ctx) => {
      if (!Array.isArray(list)) return;
      const firstIndex = new Map<string, number>();
      list.forEach((item, i) => {
        if (typeof item !== "string" || isUnknown(item) || !isUuid(item)) return;
        const earlier = firstIndex.get(item.toLowerCase());
        if (earlier !== undefined) report(ctx, DUPLICATE_SERVER, item, [i], { earlier });
        else firstIndex.set(item.toLowerCase(), i);
      });
    },
    { when: () => true },
  )
  // Order carries no meaning to the service; sorting keeps reordered lists from showing as changes.
  .transform((list) => {
    const known = list.filter((id) => !isUnknown(id)).map((id) => id.toLowerCase());
    return [...known.sort(), ...list.filter(isUnknown)];
  });

/** The structure of PolicyAssociation inputs. */
export const associationInputsSchema = z.preprocess(
  (raw) => withoutAbsent(raw, true),
  z
    .strictObject(
      {
        policyId: orUnknown(z.string(says(POLICY_ID)).refine(isUuid, says(POLICY_ID)).transform((id) => id.toLowerCase())),
        serverIds: orUnknown(serverIds).optional(),
        serverSelector: serverSelectorSchema.optional(),
        allowEmpty: flagSchema.optional(),
        takeOver: flagSchema.default(false),
        profile: profileSchema,
      },
      saysByCode({ unrecognized_keys: UNKNOWN_INPUT, otherwise: INPUTS_TYPE }),
    )
    .superRefine(
      (value, ctx) => {
        if (!isRecord(value)) return;
        const ids = value.serverIds !== undefined;
        const selector = value.serverSelector !== undefined;
        if (ids && selector) report(ctx, IDS_AND_SELECTOR, value.serverSelector, ["serverSelector"]);
        if (!ids && !selector) report(ctx, SERVERS_MISSING, undefined, ["serverIds"]);
        if (!selector && value.allowEmpty === true) report(ctx, ALLOW_EMPTY, true, ["allowEmpty"]);
      },
      { when: () => true },
    ),
);

/** Validates raw PolicyAssociation inputs. Keys starting with `__` are ignored. Never throws. */
export function validateAssociationInputs(raw: unknown): AssociationInputsValidation {
  const { value, failures } = parseInputs(associationInputsSchema, raw);
  const unknowns = unknownPaths(withoutAbsent(raw, true));
  if (value === undefined) return { failures, unknowns };
  const selection = value.serverSelector === undefined ? {} : { serverSelector: value.serverSelector as ServerSelector, allowEmpty: (value.allowEmpty ?? false) as boolean };
  return {
    inputs: {
      policyId: value.policyId,
      serverIds: (value.serverIds ?? []) as string[],
      ...selection,
      takeOver: value.takeOver as boolean,
      ...(value.profile !== undefined ? { profile: value.profile } : {}),
    },
    failures,
    unknowns,
  };
}
