/**
 * What each {@link OperationRule} means to a user, for the README's troubleshooting table (`npm run docs`
 * writes it; tests/docs/rule-table.spec.ts fails when they differ). The type lists every rule, so a new
 * one does not compile until it has its row here.
 */
import type { RuleDoc } from "../provider/domain/rule-docs";
import type { OperationRule } from "./operation-error";

export const OPERATION_RULE_DOCS: { readonly [R in OperationRule]: RuleDoc } = {
  "policy-not-found": { message: "no policy has the name or id given to a lookup (the message lists the names that exist)", fix: "check the name or id, or create the policy first" },
  "policy-ambiguous": { message: "several policies (Karbor plans) have the name given (the message lists their ids)", fix: "look the policy up by { id }, or rename all but one" },
  "policy-lookup-args": { message: "getPolicy got neither or both of name and id", fix: "give exactly one of { name } and { id }" },
  "server-not-found": { message: "a server id given to an operation does not exist in the project", fix: "check the id (openstack server list)" },
  "backup-not-found": { message: "the backup to restore does not exist in the project", fix: "list backups with pulumi-csbs status or getBackups" },
  "backup-not-available": { message: "the backup to restore is not Available", fix: "wait until it is available, or choose another backup" },
  "server-being-backed-up": { message: "a server of a manual run is being backed up already", fix: "wait for that backup (pulumi-csbs jobs), then run backup-now again" },
  "server-state-not-restorable": { message: "the target server is Faulty, Resizing or Verifying resizing", fix: "repair it or finish the resize, then restore" },
  "data-disk-to-system-disk": { message: "a data disk of the backup is mapped to the server's system disk", fix: "map it to a data disk with --disk SRC=DST (diskMapping)" },
  "target-disk-too-small": { message: "a target disk is smaller than the disk it restores", fix: "choose a disk at least as large, or extend it first" },
  "disk-mapping-invalid": { message: "a disk mapping names a disk that is not of the backup or not of the server, or a disk is left unmapped", fix: "give --disk SRC=DST with a disk of the backup and a disk of the server" },
  "service-refused-restore": { message: "the service refused the restore (the message gives its code and reason)", fix: "fix what the service names, and restore again" },
  "operation-failed": { message: "an operation failed, or was given an argument it cannot use (a `since` that is no instant, servers outside the policy)", fix: "read the message: it names the value and the fix" },
  "operation-timeout": { message: "an operation did not finish within timeoutMs; it goes on in the service", fix: "check it later with pulumi-csbs jobs, or wait longer with a larger timeout" },
  "unsupported-dialect": { message: "the operation exists for CSBS only, and csbs:api is karbor", fix: 'set csbs:api to "csbs" for a CSBS cloud' },
};
