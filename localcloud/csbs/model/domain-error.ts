/**
 * Errors of the data-protection domain, independent of the dialect: the CSBS routes map a kind to
 * `{"error_code","error_msg"}` (routes/csbs-errors.ts); a Karbor dialect can map the same kinds to its faults.
 */
export type DomainErrorKind =
  | "invalid" // a parameter breaks a rule; message says which
  | "duplicate-name"
  | "policy-quota"
  | "policy-not-found"
  | "item-not-found"
  | "server-missing"
  | "server-status"
  | "server-shared"
  | "server-taken"
  | "too-many-tags"
  | "tag-not-found"
  | "plan-executing" // a backup of the policy is running (delete policy)
  | "manual-executing"
  | "auto-executing"
  | "no-resources"
  | "item-busy"
  | "backup-quota"
  | "server-backing-up" // execute-now of a server whose backup is running
  | "restore-server-status" // restore onto a Faulty, Resizing or Verifying-resizing server
  | "restore-data-to-system" // a data disk's backup onto a system disk
  | "restore-disk-too-small"
  | "restore-disk-mapping";

export class DomainError extends Error {
  constructor(public readonly kind: DomainErrorKind, message: string, public readonly subject?: string) {
    super(message);
  }
}
