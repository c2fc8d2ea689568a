/**
 * Domain errors as CSBS replies (docs/csbs-api-notes.md B.7 and E). Where section E fixes a message (e.g. "Service over
 * limit"), that exact text is sent, because clients may match on it; elsewhere the domain's sentence is sent.
 */
import { ReplyError } from "../../core/contracts";
import { DomainError, DomainErrorKind } from "../model/domain-error";
import { csbsError } from "../errors";

const MAP: Record<DomainErrorKind, { status: number; code: string; text?: (e: DomainError) => string }> = {
  "invalid": { status: 400, code: "CSBS.9001", text: (e) => `Parameter verification failed: ${e.message}` },
  "duplicate-name": { status: 400, code: "CSBS.9007", text: () => "duplicate service name" },
  "policy-quota": { status: 400, code: "CSBS.0001", text: () => "Service over limit" },
  "policy-not-found": { status: 404, code: "CSBS.3000", text: () => "plan not found" },
  "item-not-found": { status: 404, code: "CSBS.3001", text: (e) => `Checkpoint_item (${e.subject}) is not found.` },
  "server-missing": { status: 400, code: "CSBS.6000" },
  "server-status": { status: 400, code: "CSBS.6006" },
  "server-shared": { status: 400, code: "CSBS.6010" },
  "server-taken": { status: 400, code: "CSBS.6004", text: (e) => `Server (${e.subject}) is already in service.` },
  "too-many-tags": { status: 400, code: "CSBS.7000" },
  "tag-not-found": { status: 404, code: "CSBS.7001" },
  "plan-executing": { status: 409, code: "CSBS.2004", text: () => "item in plan executing" },
  "manual-executing": { status: 500, code: "CSBS.1001", text: () => "The policy is executing backup." },
  "auto-executing": { status: 500, code: "CSBS.6030", text: () => "auto plan executing" },
  "no-resources": { status: 500, code: "CSBS.6032", text: () => "plan has no resource backup" },
  "item-busy": { status: 400, code: "CSBS.2003" },
  "backup-quota": { status: 400, code: "CSBS.9006" },
  "server-backing-up": { status: 400, code: "CSBS.2004", text: (e) => `item in plan executing: ${e.message}` },
  "restore-server-status": { status: 400, code: "CSBS.6013" },
  "restore-data-to-system": { status: 400, code: "CSBS.6014" },
  "restore-disk-too-small": { status: 400, code: "CSBS.6015" },
  "restore-disk-mapping": { status: 400, code: "CSBS.6016" },
};

/** The CSBS error code a domain error kind maps to (used by check_protectable too). */
export function csbsCode(kind: DomainErrorKind): string {
  return MAP[kind].code;
}

export function toCsbsError(e: DomainError): ReplyError {
  const m = MAP[e.kind];
  return csbsError(m.status, m.code, m.text ? m.text(e) : e.message);
}
