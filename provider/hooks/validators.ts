/**
 * The modules only a validating hook needs, each required when first used: the input schemas are zod schemas
 * built as their modules load (zod and the schemas: ≈ 30 ms of a provider process's CPU). `read`, `delete` and
 * a `diff` of unchanged values never validate, so a refresh's provider process loads no zod
 * (tests/provider/hooks/module-loading.spec.ts pins it).
 */

/** A module required on the first call, the same exports on every later one. */
function onFirstUse<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load());
}

export const policyInputs = onFirstUse(() => require("../domain/policy-inputs") as typeof import("../domain/policy-inputs"));
export const associationInputs = onFirstUse(() => require("../domain/association-inputs") as typeof import("../domain/association-inputs"));
export const serverBackupInputs = onFirstUse(() => require("../domain/server-backup-inputs") as typeof import("../domain/server-backup-inputs"));
export const scheduleInputs = onFirstUse(() => require("../domain/schedule") as typeof import("../domain/schedule"));
export const retentionInputs = onFirstUse(() => require("../domain/retention-schema") as typeof import("../domain/retention-schema"));
/** Servers chosen by a selector (its rules are a zod schema too). */
export const serverSelection = onFirstUse(() => require("./association-selection") as typeof import("./association-selection"));
