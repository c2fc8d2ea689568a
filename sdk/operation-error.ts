/** The error the lookups and day-2 operations throw: a stable rule id for scripts, and prose for people. */

/** Every rule an operation can break; scripts may match on these ids. */
export type OperationRule =
  | "policy-not-found"
  | "policy-ambiguous"
  | "policy-lookup-args"
  | "server-not-found"
  | "backup-not-found"
  | "backup-not-available"
  | "server-being-backed-up"
  | "server-state-not-restorable"
  | "data-disk-to-system-disk"
  | "target-disk-too-small"
  | "disk-mapping-invalid"
  | "service-refused-restore"
  | "operation-failed"
  | "operation-timeout"
  | "unsupported-dialect";

/** A failed lookup or operation; `message` names the value, the rule and the fix. */
export class OperationError extends Error {
  /** The broken rule, stable across versions. */
  readonly rule: OperationRule;

  constructor(rule: OperationRule, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "OperationError";
    this.rule = rule;
  }
}

/** True for an {@link OperationError}, optionally of one rule. */
export function isOperationError(err: unknown, rule?: OperationRule): err is OperationError {
  return err instanceof OperationError && (rule === undefined || err.rule === rule);
}
