/** What an organisation rule looks at: one BackupPolicy of the stack, its plain inputs, and how to name it. */
import type { ResourceValidationArgs } from "@pulumi/policy";
import { isUnknown } from "../../provider/domain";
import { plainRecord } from "./plain-props";
import { BACKUP_POLICY_TYPE } from "./resource-types";

export interface PolicySubject {
  resourceName: string;
  /** The policy name in the cloud, undefined while unknown. */
  name?: string;
  props: Record<string, unknown>;
  /** `BackupPolicy "nightly" (name "nightly-1a2b3c4")`. */
  label: string;
}

/** The subject when the resource is a BackupPolicy, else undefined (the rule then says nothing). */
export function policySubject(args: ResourceValidationArgs): PolicySubject | undefined {
  if (args.type !== BACKUP_POLICY_TYPE) return undefined;
  const props = plainRecord(args.props);
  const name = typeof props.name === "string" && !isUnknown(props.name) ? props.name : undefined;
  const label = name === undefined || name === args.name ? `BackupPolicy "${args.name}"` : `BackupPolicy "${args.name}" (name "${name}")`;
  return { resourceName: args.name, name, props, label };
}
