import * as pulumi from "@pulumi/pulumi";
import { validateAssociationInputs } from "../provider/domain/association-inputs";
import { REPORTED_KEY, reportEarly } from "./early-validation";
import { knownInputs } from "./known-inputs";
import { plainCredentialSettings } from "./plain-credentials";
import { BackupPolicy } from "./backup-policy";
import { policyProfileOf } from "./policy-profile";
import { policyRefOf } from "./policy-ref";
import { associationProvider } from "./provider-loader";
import { shallowStacksDuringRegistration } from "./registration-stacks";
import { declareAssociation, STACK_REPORTED_KEY } from "./stack-pass";
import { engineParallelism } from "./engine-parallelism";
import { inPolicyOrder } from "./registration-order";
import { ASSOCIATIONS_OF_POLICY_KEY, ENGINE_PARALLELISM_KEY } from "../provider/hooks/batch-hints";

/** Which servers a {@link PolicyAssociation} protects, by what they carry; at least one tag or metadata pair. */
export interface ServerSelectorArgs {
  /** Nova server tags (microversion 2.26) the server must all have. @default [] */
  tags?: pulumi.Input<pulumi.Input<string>[]>;
  /** Nova server metadata the server must all have, values compared exactly. @default {} */
  metadata?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** The inputs of a {@link PolicyAssociation}. */
export interface PolicyAssociationArgs {
  /** The id of the backup policy, usually `policy.id`. Changing it replaces the association (delete first). */
  policyId: pulumi.Input<string>;
  /**
   * The ECS (Nova server) ids to protect: 1 to 64 unique UUIDs. All associations of one policy together hold at
   * most 64 servers; a server can be in only one policy. Give exactly one of `serverIds` and `serverSelector`.
   * @default - none: `serverSelector` chooses the servers
   */
  serverIds?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Choose the servers by Nova server tags and metadata instead of listing ids: a server matches when it has every
   * tag and every key=value. Resolved in every preview and up into a sorted id list (the `serverIds` output), so
   * the preview shows which servers are added or removed when tags change. Every association rule applies to the
   * resolved list. Give exactly one of `serverIds` and `serverSelector`.
   * @default - none: `serverIds` lists the servers
   */
  serverSelector?: pulumi.Input<ServerSelectorArgs>;
  /**
   * Let `serverSelector` match no server (the association then protects none until a server matches); when
   * false, a selector that matches nothing fails the preview.
   * @default false
   */
  allowEmpty?: pulumi.Input<boolean>;
  /**
   * Move servers that another policy already holds into this one (what the console does), instead of failing.
   * @default false
   */
  takeOver?: pulumi.Input<boolean>;
  /**
   * The stack config profile whose project and region hold the policy. Not needed when `policyId` is the id of a
   * BackupPolicy of this program: the association takes that policy's profile, and a different one fails the
   * preview (rule `association.profileMismatch`). Changing it replaces the association.
   * @default - the profile of the BackupPolicy `policyId` comes from, else none (the stack-wide settings)
   */
  profile?: pulumi.Input<string>;
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
  /** This association's servers that are in the policy: the listed ones, or those the selector resolved to (sorted). */
  declare readonly serverIds: pulumi.Output<string[]>;
  /** The selector that chose the servers, normalized (tags sorted), when the association has one. */
  declare readonly serverSelector: pulumi.Output<{ tags: string[]; metadata: Record<string, string> } | undefined>;
  /** Whether servers another policy held were moved into this one (`false`: such a server fails the preview). */
  declare readonly takeOver: pulumi.Output<boolean>;
  /** The profile in effect: the declared one or its policy's (absent for the stack-wide settings). */
  declare readonly profile: pulumi.Output<string | undefined>;

  constructor(name: string, args: PolicyAssociationArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      // Keys the type does not know travel on, so check rejects them by name.
      ...(args as object),
      __resourceName: name,
      __policyRef: policyRefOf(args.policyId),
      __policyProfile: policyProfileOf(args.policyId, (r) => BackupPolicy.isInstance(r)),
      policyId: args.policyId,
      serverIds: args.serverIds,
      serverSelector: args.serverSelector,
      allowEmpty: args.allowEmpty,
      takeOver: args.takeOver,
      profile: args.profile,
    };
    const { failures } = validateAssociationInputs(knownInputs({ ...(args as object) }));
    reportEarly(`PolicyAssociation "${name}"`, failures);
    const reported = failures.length > 0 || plainCredentialSettings().length > 0 ? { ...props, [REPORTED_KEY]: true } : props;
    const pass = declareAssociation(name, args);
    // Hints for gathering writes of the policy's server list; check drops them from the inputs it keeps. The
    // count also holds the registration until the policy's group has its turn (registration-order.ts).
    const hints = {
      [ENGINE_PARALLELISM_KEY]: engineParallelism(),
      [ASSOCIATIONS_OF_POLICY_KEY]: inPolicyOrder(pass.associationsOfPolicy, args.policyId, pass.policyKey),
    };
    const stacks = shallowStacksDuringRegistration();
    try {
      super(associationProvider, name, { ...reported, [STACK_REPORTED_KEY]: pass.reported, ...hints }, opts, MODULE, ASSOCIATION_TYPE);
    } catch (err) {
      throw stacks.restacked(err);
    } finally {
      stacks.restore();
    }
  }
}
