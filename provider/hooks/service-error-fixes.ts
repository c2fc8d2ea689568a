/**
 * What to do about a refusal, per dialect: CSBS answers with `CSBS.nnnn` codes, Karbor (like the other
 * OpenStack services) with a fault name such as `itemNotFound`; an unknown code falls back to the HTTP status.
 */
import type { ApiError } from "../clients/api-error";

/** The fix when a policy is gone, however the service said it. */
export const POLICY_GONE_FIX = "the policy no longer exists: run `pulumi refresh` so the stack forgets it, then `pulumi up` recreates it";

/** What to do about a CSBS error code. */
const CSBS_CODE_FIXES: Record<string, string> = {
  "CSBS.0001":
    "the project's policy quota (32 policies) is used up: delete policies you no longer need or ask the cloud operator for a higher quota",
  "CSBS.6004":
    "a server can be in only one policy: remove it from the other policy, or set `takeOver: true` on the association to move it",
  "CSBS.6000": "a server in `serverIds` does not exist in this project: check the id (`openstack server show <id>`)",
  "CSBS.6001": "a server is stopped abnormally or being deleted: only Running or Stopped servers can be protected",
  "CSBS.6006": "a server's state does not allow backup: only ACTIVE (Running) or SHUTOFF (Stopped) servers can be protected",
  "CSBS.6010": "a server has a shared (multi-attach) disk, which CSBS cannot back up: detach it or leave the server out",
  "CSBS.9001":
    "the service rejected a parameter: check the schedule (at most 24 runs a day, at least 1 hour apart) and that a policy holds at most 64 servers",
  "CSBS.9007":
    "policy names are unique in a project: choose another `name`, or set `adopt: true` to take over the existing policy",
  "CSBS.3000": POLICY_GONE_FIX,
  "CSBS.2004": "a backup of this policy is running: wait for it to finish and run the command again",
  "CSBS.1001": "the policy is executing a backup: wait for it to finish and run the command again",
};

/** What to do about a Karbor fault, by its name. */
const KARBOR_FAULT_FIXES: Record<string, string> = {
  itemNotFound: POLICY_GONE_FIX,
  overLimit: "the project's plan quota is used up: delete plans you no longer need or ask the cloud operator for a higher quota",
  conflictingRequest: "the plan is busy (a checkpoint is being made, or it is not suspended): wait and run the command again",
  forbidden: "the user lacks a role for this call: it needs the member role on the project",
  badRequest: "Karbor rejected a parameter: check the schedule (at most 24 runs a day, at least 1 hour apart) and the servers",
};

/** What to do about an HTTP status when the code is not one we know. */
function fixForStatus(status: number, service: string): string | undefined {
  // Keystone answers 404 only when the token request went to a path it does not serve: the auth URL is wrong.
  if (status === 404 && service === "Keystone") {
    return "the auth URL does not lead to Keystone's v3 API: it usually ends in `/v3` (e.g. https://iam.eu-de.otc.t-systems.com/v3); fix `csbs:authUrl`/`OS_AUTH_URL`";
  }
  if (status === 401) return "the credentials were refused: check `csbs:password`/`OS_PASSWORD` or the token, and the auth URL";
  if (status === 403) return "the user lacks a role for this call: it needs the member role on the project";
  if (status === 404) return "the object does not exist (any more): run `pulumi refresh`";
  if (status === 429 || status >= 500) return "the service is busy or failing: run the command again later";
  return undefined;
}

/** The fix sentence for an API error, if one is known. */
export function fixFor(err: ApiError): string | undefined {
  const table = err.service === "CSBS" ? CSBS_CODE_FIXES : err.service === "Karbor" ? KARBOR_FAULT_FIXES : {};
  return (err.code && table[err.code]) || fixForStatus(err.status, err.service);
}

