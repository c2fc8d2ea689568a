/** `getPolicy`: one backup policy of the project, found by name or id, as plain data. */
import * as pulumi from "@pulumi/pulumi";
import type { PolicyRecord } from "../provider/backends/policy-backend";
import { connect, type ConnectionOptions } from "./connection";
import { OperationError } from "./operation-error";

/** Which policy: exactly one of `name` and `id`. */
export interface GetPolicyArgs {
  /** The policy's exact name. @default none (give `id`) */
  name?: string;
  /** The policy's id. @default none (give `name`) */
  id?: string;
}

/** A policy as the cloud holds it. */
export interface PolicyInfo {
  id: string;
  name: string;
  description: string;
  /** Whether its schedule runs. */
  enabled: boolean;
  /** The service's status word (suspended, started, ...). */
  status: string;
  /** The iCalendar pattern the service runs (UTC). */
  pattern: string;
  serverIds: string[];
  /** What automatic backups are kept; a rule the policy does not set is absent. */
  retention: { maxBackups?: number; maxAgeDays?: number; permanent: boolean };
  tags: Record<string, string>;
  /** ISO-8601, or "" when the service does not say. */
  createdAt: string;
}

/** The SDK's view of a backend record (the ownership marker stays inside the provider). */
export function policyInfo(record: PolicyRecord): PolicyInfo {
  const r = record.retention;
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    enabled: record.enabled,
    status: record.status,
    pattern: record.pattern,
    serverIds: [...record.serverIds],
    retention: {
      ...(r.maxBackups > 0 ? { maxBackups: r.maxBackups } : {}),
      ...(r.retentionDurationDays > 0 ? { maxAgeDays: r.retentionDurationDays } : {}),
      permanent: r.permanent,
    },
    tags: { ...record.tags },
    createdAt: record.createdAt,
  };
}

function describe(args: GetPolicyArgs): string {
  return args.id !== undefined ? `id "${args.id}"` : `name "${args.name}"`;
}

/**
 * The one policy with this name or id. Fails (rule `policy-not-found`) when there is none, listing the names
 * that exist, and (rule `policy-ambiguous`) when several share the name (Karbor plan names are not unique),
 * listing their ids.
 */
export async function getPolicy(args: GetPolicyArgs, options: ConnectionOptions = {}): Promise<PolicyInfo> {
  if ((args.name === undefined) === (args.id === undefined)) {
    throw new OperationError("policy-lookup-args", `getPolicy got ${args.name === undefined ? "neither name nor id" : "both name and id"}: give exactly one of { name } and { id }`);
  }
  const backend = await connect(options).backend();
  if (args.id !== undefined) {
    const found = await backend.get(args.id);
    if (found) return policyInfo(found);
  }
  const all = await backend.list();
  const matches = all.filter((p) => (args.id !== undefined ? p.id === args.id : p.name === args.name));
  if (matches.length === 1) return policyInfo(matches[0]);
  if (matches.length === 0) {
    const names = all.map((p) => `"${p.name}"`).sort();
    throw new OperationError("policy-not-found",
      `getPolicy: no policy with ${describe(args)} in the project (it has ${names.length === 0 ? "no policies" : names.join(", ")}); check the ${args.id !== undefined ? "id" : "name"}, or create the policy first`);
  }
  throw new OperationError("policy-ambiguous",
    `getPolicy: ${matches.length} policies have ${describe(args)} (ids ${matches.map((p) => p.id).join(", ")}); look the policy up by { id } instead, or rename all but one`);
}

/** {@link GetPolicyArgs} whose values may be Pulumi outputs. */
export interface GetPolicyOutputArgs {
  /** @default none (give `id`) */
  name?: pulumi.Input<string>;
  /** @default none (give `name`) */
  id?: pulumi.Input<string>;
}

/** {@link getPolicy} for inputs that are outputs of other resources (e.g. `{ name: policy.name }`). */
export function getPolicyOutput(args: GetPolicyOutputArgs, options: ConnectionOptions = {}): pulumi.Output<PolicyInfo> {
  return pulumi.output(args).apply((a) => getPolicy({ name: a.name, id: a.id }, options));
}
