import * as pulumi from "@pulumi/pulumi";
import { policyRefOf } from "./policy-ref";
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
  /** The id of the backup policy that holds this association's servers. */
  declare readonly policyId: pulumi.Output<string>;
  /** This association's servers that are in the policy. */
  declare readonly serverIds: pulumi.Output<string[]>;
  /** Whether servers another policy held were moved into this one (`false`: such a server fails the preview). */
  declare readonly takeOver: pulumi.Output<boolean>;

  constructor(name: string, args: PolicyAssociationArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      // Keys the type does not know travel on, so check rejects them by name.
      ...(args as object),
      __resourceName: name,
      __policyRef: policyRefOf(args.policyId),
      policyId: args.policyId,
      serverIds: args.serverIds,
      takeOver: args.takeOver,
    };
    super(associationProvider, name, props, opts, MODULE, ASSOCIATION_TYPE);
  }
}
