/**
 * CSBS error replies: `{"error_code":"CSBS.xxxx","error_msg":"..."}` with the status the real service uses
 * (docs/csbs-api-notes.md B.7). Handlers throw these; the core turns a ReplyError into the HTTP reply.
 */
import { ReplyError } from "../core/contracts";
import { defaultCsbsCode } from "../core/errors";

/** Builds the ReplyError of a CSBS error. */
export function csbsError(status: number, code: string, message: string): ReplyError {
  return new ReplyError({ status, body: { error_code: code, error_msg: message } });
}

/** 400 CSBS.9001 "Parameter verification failed: ..." (the generic validation error). */
export function invalid(detail: string): ReplyError {
  return csbsError(400, "CSBS.9001", `Parameter verification failed: ${detail}`);
}

export function policyNotFound(id: string): ReplyError {
  return csbsError(404, "CSBS.3000", `plan not found: policy ${id} does not exist in this project`);
}

export function itemNotFound(id: string): ReplyError {
  return csbsError(404, "CSBS.3001", `Checkpoint_item (${id}) is not found.`);
}

/** 403 for a caller whose role may not do this; the code is the core's CSBS default for 403 (APIGW.0302). */
export function forbidden(action: string): ReplyError {
  return csbsError(403, defaultCsbsCode(403),
    `Policy doesn't allow ${action} to be performed: it needs the member role on the project; the reader role may only read`);
}
