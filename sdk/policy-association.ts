import * as pulumi from "@pulumi/pulumi";
import { BackupPolicy } from "./backup-policy";
import { associationProvider } from "./provider-loader";

/** The inputs of a {@link PolicyAssociation}. */
export interface PolicyAssociationArgs {
  /** The id of the backup policy, usually `policy.id`. Changing it replaces the association (delete first). */
  policyId: pulumi.Input<string>;
  /**
   * The ECS (Nova server) ids to protect: 1 to 64 unique UUIDs. All associations of one policy together hold at
   * most 64 servers; a server can be in only one policy.
   */
  serverIds: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Move servers that another policy already holds into this one (what the console does), instead of failing.
   * @default false
   */
  takeOver?: pulumi.Input<boolean>;
}

const ASSOCIATION_TYPE = "PolicyAssociation";
const MODULE = "csbs";

/** The Pulumi type token of {@link PolicyAssociation}. */
export const POLICY_ASSOCIATION_TYPE_TOKEN = `pulumi-nodejs:dynamic/${MODULE}:${ASSOCIATION_TYPE}`;

/**
 * Servers protected by a backup policy. Several associations may share one policy; each adds and removes only
 * its own servers. Deleting an association keeps the servers' backups.
 *
 * Type token: `pulumi-nodejs:dynamic/csbs:PolicyAssociation`.
 */
export class PolicyAssociation extends pulumi.dynamic.Resource {
  declare readonly policyId: pulumi.Output<string>;
  /** This association's servers that are in the policy. */
  declare readonly serverIds: pulumi.Output<string[]>;
  declare readonly takeOver: pulumi.Output<boolean>;

  constructor(name: string, args: PolicyAssociationArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      __resourceName: name,
      __policyRef: policyRefOf(args.policyId),
      policyId: args.policyId,
      serverIds: args.serverIds,
      takeOver: args.takeOver,
    };
    super(associationProvider, name, props, opts, MODULE, ASSOCIATION_TYPE);
  }
}

/**
 * A key for the policy behind `policyId` that is known even in a preview where the policy id is not: the URN of
 * the BackupPolicy whose output it is. Deployment-wide rules (64 servers per policy) group associations by it.
 * Falls back to the policy id itself (a literal id, or an output of something else).
 */
export function policyRefOf(policyId: pulumi.Input<string>): pulumi.Input<string> {
  if (!pulumi.Output.isInstance(policyId)) return policyId;
  // `resources()` is not in the public typings, but every Output carries the resources it came from.
  const resources = (policyId as unknown as { resources?: () => Set<unknown> }).resources?.() ?? new Set<unknown>();
  for (const resource of resources) {
    if (BackupPolicy.isInstance(resource)) return resource.urn;
  }
  return policyId;
}
