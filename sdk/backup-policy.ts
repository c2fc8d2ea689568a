import * as pulumi from "@pulumi/pulumi";
import { validatePolicyInputs } from "../provider/domain/policy-inputs";
import { defaultPolicyName } from "./default-name";
import { REPORTED_KEY, reportEarly } from "./early-validation";
import { knownInputs } from "./known-inputs";
import { plainCredentialSettings } from "./plain-credentials";
import { ownerMarker } from "./owner-marker";
import { USED_BY_ASSOCIATION_KEY } from "../provider/hooks/policy-usability";
import { declarePolicy, STACK_REPORTED_KEY } from "./stack-pass";
import { rememberProfile } from "./policy-profile";
import { policyProvider } from "./provider-loader";
import { shallowStacksDuringRegistration } from "./registration-stacks";

/** A day of the week, as iCalendar spells it. */
export type Weekday = "MO" | "TU" | "WE" | "TH" | "FR" | "SA" | "SU";

/** The run times and zone every schedule has. */
export interface ScheduleTimes {
  /** Run times of day, "HH:MM" from "00:00" to "23:59": 1 to 24 of them, at least one hour apart, also across midnight and across the end of the cycle. */
  times: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * The zone `times` and `weekdays` are meant in: an IANA name ("Europe/Paris") or a fixed offset ("UTC+08:00").
   * The zone's offset at deploy time is used; after a daylight-saving change the next preview shows a pattern update.
   * @default "UTC"
   */
  timezone?: pulumi.Input<string>;
}

/** A schedule on days of the week (or every day): `everyNDays` cannot be given with it. */
export interface WeeklyScheduleArgs extends ScheduleTimes {
  /**
   * Days of the week to run on (MO..SU). Give either `weekdays` or `everyNDays`, not both.
   * @default - every day (when `everyNDays` is not given either)
   */
  weekdays?: pulumi.Input<pulumi.Input<Weekday>[]>;
  /** Not with `weekdays`: see {@link EveryNDaysScheduleArgs}. */
  everyNDays?: never;
}

/** A schedule every N days: `weekdays` cannot be given with it. */
export interface EveryNDaysScheduleArgs extends ScheduleTimes {
  /**
   * Run every N days, 1 to 30. Give either `weekdays` or `everyNDays`, not both.
   * @default - every day (when `weekdays` is not given either)
   */
  everyNDays?: pulumi.Input<number>;
  /** Not with `everyNDays`: see {@link WeeklyScheduleArgs}. */
  weekdays?: never;
}

/**
 * When backups run, in the user's own time zone (the provider converts it to the API's UTC pattern): on days of
 * the week or every N days, never both (the type refuses both, as the provider does).
 */
export type ScheduleArgs = WeeklyScheduleArgs | EveryNDaysScheduleArgs;

/**
 * Long-term retention (CSBS only; Karbor has none): besides what `maxBackups` or `maxAgeDays` keep, keep the newest
 * automatic backup of each of the last N days, weeks, months and years, counted in the schedule's time zone (its
 * offset at deploy time, like the schedule's). Each count is 0 to 100; at least one must be above 0. The API never
 * shows these counts: pulumi-csbs keeps them from the inputs in state, so refresh neither loses them nor shows a diff.
 */
export interface LongTermRetentionArgs {
  /** Keep the newest backup of each of the last N days. @default 0 */
  daily?: pulumi.Input<number>;
  /** Keep the newest backup of each of the last N weeks (Monday to Sunday). @default 0 */
  weekly?: pulumi.Input<number>;
  /** Keep the newest backup of each of the last N months. @default 0 */
  monthly?: pulumi.Input<number>;
  /** Keep the newest backup of each of the last N years. @default 0 */
  yearly?: pulumi.Input<number>;
}

/** How long backups are kept: exactly one of the three forms (the type refuses two together, as the provider does). */
export type RetentionArgs =
  | {
      /** Keep the newest N automatic backups, 1 to 99999. */
      maxBackups: pulumi.Input<number>;
      maxAgeDays?: never;
      permanent?: never;
      /** Also keep daily, weekly, monthly and yearly backups. Not with `permanent`. @default - none */
      longTerm?: pulumi.Input<LongTermRetentionArgs>;
    }
  | {
      /** Keep automatic backups for N days, 1 to 99999. */
      maxAgeDays: pulumi.Input<number>;
      maxBackups?: never;
      permanent?: never;
      /** Also keep daily, weekly, monthly and yearly backups. Not with `permanent`. @default - none */
      longTerm?: pulumi.Input<LongTermRetentionArgs>;
    }
  | {
      /** Never delete automatic backups. */
      permanent: pulumi.Input<true>;
      maxBackups?: never;
      maxAgeDays?: never;
      /** Not with `permanent`: permanent backups are all kept anyway. */
      longTerm?: never;
    };

/**
 * The service's status words of a policy: CSBS (and Karbor) report `suspended` after a create and `started` once
 * a plan was started; some CSBS clouds use `enabled`/`disabled`. `creating`: a CSBS policy still being set up
 * when its create ended (a PolicyAssociation of the program waited for it instead); `pulumi refresh` reads anew.
 */
export type PolicyStatus = "creating" | "suspended" | "started" | "enabled" | "disabled";

/** The inputs of a {@link BackupPolicy}. */
export interface BackupPolicyArgs {
  /**
   * The policy name, unique in the project: 1 to 255 letters, digits, `_` or `-`.
   * @default - the resource name plus a 7-character suffix derived from project, stack and resource name
   */
  name?: pulumi.Input<string>;
  /**
   * A description of 0 to 255 characters without `<` or `>`.
   * @default ""
   */
  description?: pulumi.Input<string>;
  /**
   * Whether scheduled backups run. A disabled policy keeps its servers and backups but creates no new ones.
   * @default true
   */
  enabled?: pulumi.Input<boolean>;
  /** When backups run. */
  schedule: pulumi.Input<ScheduleArgs>;
  /** How long automatic backups are kept. */
  retention: pulumi.Input<RetentionArgs>;
  /**
   * Up to 9 tags (CSBS allows 10 per policy; pulumi-csbs keeps one for its ownership marker `pulumi-csbs-owner`,
   * which never appears here); keys 1-36 and values 0-43 characters of letters, digits, `_` or `-`.
   * @default {}
   */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Take over an existing policy of the same name instead of failing on the duplicate name: the create succeeds
   * when the existing policy matches these inputs and fails explaining the difference otherwise; the policy then
   * carries this resource's ownership marker. Not needed for a policy left by an interrupted create of this same
   * resource: the provider recognises its marker and takes it over on its own.
   * Use it in place of `pulumi import`, which dynamic resources do not support.
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * The stack config profile whose project and region hold the policy: `csbs:profiles.<profile>.*` (set with
   * `pulumi config set --path`) layered over the stack-wide settings, field by field. Only the name is kept in
   * inputs and state. Changing it replaces the policy (deleted first, then created in the new place); its
   * associations follow it.
   * @default - none: the stack-wide settings
   */
  profile?: pulumi.Input<string>;
}

/** A schedule as the provider stores it: normalized (times sorted "HH:MM", weekdays in MO..SU order). */
export interface ScheduleOutput {
  times: string[];
  weekdays?: Weekday[];
  everyNDays?: number;
  timezone: string;
}

/** Retention as the provider stores it: exactly one of the first three keys is present. */
export interface RetentionOutput {
  maxBackups?: number;
  maxAgeDays?: number;
  permanent?: true;
  /** The long-term counts as declared (all four, 0 when not given); kept from the inputs, as the API never shows them. */
  longTerm?: { daily: number; weekly: number; monthly: number; yearly: number };
}

const POLICY_TYPE = "BackupPolicy";

/**
 * What the user declared, as the early check sees it: every key of `args` (a misspelt key such as `retenton`
 * would otherwise never reach the provider, since only known keys become properties) and the name in use.
 */
function declared(args: BackupPolicyArgs, name: unknown): Record<string, unknown> {
  return { ...(args as object), name };
}
const MODULE = "csbs";

/**
 * A CSBS backup policy: when servers are backed up and how long backups are kept. Servers are attached with
 * {@link PolicyAssociation}. Deleting the policy keeps its backups.
 *
 * Type token: `pulumi-nodejs:dynamic/csbs:BackupPolicy`.
 */
export class BackupPolicy extends pulumi.dynamic.Resource {
  /** The policy name in the cloud. */
  declare readonly name: pulumi.Output<string>;
  /** The policy's description (`""` when none was given). */
  declare readonly description: pulumi.Output<string>;
  /** Whether scheduled backups run (`false`: the policy keeps its servers and backups but creates none). */
  declare readonly enabled: pulumi.Output<boolean>;
  /** The schedule, normalized: times sorted "HH:MM", weekdays in MO..SU order, the zone as given or "UTC". */
  declare readonly schedule: pulumi.Output<ScheduleOutput>;
  /** The retention, with exactly one key present. */
  declare readonly retention: pulumi.Output<RetentionOutput>;
  /** The policy's tags, without the provider's ownership marker. */
  declare readonly tags: pulumi.Output<Record<string, string>>;
  /**
   * The service's status of the policy as the create (or the last refresh) saw it: `suspended` on CSBS and Karbor,
   * or `creating` when a PolicyAssociation of the program fills the policy: the create then ends as soon as the
   * service accepted it, and the association's write waits until the policy is usable (so 32 new policies wait
   * at the same time, not in turns). It does not say whether backups run (that is `enabled`): CSBS keeps
   * `suspended` for an enabled policy.
   */
  declare readonly status: pulumi.Output<PolicyStatus>;
  /** When the policy was created, as the service reports it. */
  declare readonly createdAt: pulumi.Output<string>;
  /** The iCalendar pattern sent to the API (times in UTC). */
  declare readonly pattern: pulumi.Output<string>;
  /** The project that holds the policy. */
  declare readonly projectId: pulumi.Output<string>;
  /** The profile the policy was declared with (absent for the stack-wide settings). */
  declare readonly profile: pulumi.Output<string | undefined>;
  /** The `timezone` sent with `retention.longTerm` ("UTC+01:00": the schedule zone's offset at deploy time), "" without it. */
  declare readonly longTermZone: pulumi.Output<string>;

  constructor(name: string, args: BackupPolicyArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      // Keys the type does not know (a misspelt `retenton` from JavaScript) travel on, so check rejects them by name.
      ...(args as object),
      // Not `__name`: Pulumi keeps the resource name in that property of every resource object.
      __resourceName: name,
      // Tells the provider the name is ours (derived from project/stack/resource), so a policy of that name left
      // behind by an interrupted create may be taken over instead of failing as a duplicate.
      __autoNamed: args.name === undefined,
      // Written on the policy as an ownership marker, so a policy whose create was interrupted before the engine
      // recorded it is taken over by the next create, whatever its name (never shown in outputs or diffs).
      __owner: ownerMarker(pulumi.getProject(), pulumi.getStack(), name),
      name: args.name ?? defaultPolicyName(pulumi.getProject(), pulumi.getStack(), name),
      description: args.description,
      enabled: args.enabled,
      schedule: args.schedule,
      retention: args.retention,
      tags: args.tags,
      adopt: args.adopt,
      profile: args.profile,
      status: undefined,
      createdAt: undefined,
      pattern: undefined,
      projectId: undefined,
      longTermZone: undefined,
    };
    const { failures } = validatePolicyInputs(knownInputs(declared(args, props.name)), new Date());
    reportEarly(`BackupPolicy "${name}"`, failures);
    const stackRules = declarePolicy(name, args, props.name);
    const reported = failures.length > 0 || plainCredentialSettings().length > 0 ? { ...props, [REPORTED_KEY]: true } : props;
    const stacks = shallowStacksDuringRegistration();
    try {
      super(
        policyProvider,
        name,
        { ...reported, [STACK_REPORTED_KEY]: stackRules.reported, [USED_BY_ASSOCIATION_KEY]: stackRules.usedByAssociation },
        opts,
        MODULE,
        POLICY_TYPE,
      );
    } catch (err) {
      throw stacks.restacked(err);
    } finally {
      stacks.restore();
    }
    stackRules.bind(this);
    rememberProfile(this, args.profile);
  }

  /** True when `value` is a BackupPolicy, also across two loaded copies of this package. */
  static isInstance(value: unknown): value is BackupPolicy {
    if (value instanceof BackupPolicy) return true;
    return (value as { __pulumiType?: unknown } | undefined)?.__pulumiType === BACKUP_POLICY_TYPE_TOKEN;
  }
}

/** The Pulumi type token of {@link BackupPolicy}. */
export const BACKUP_POLICY_TYPE_TOKEN = `pulumi-nodejs:dynamic/${MODULE}:${POLICY_TYPE}`;
