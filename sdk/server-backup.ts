import * as pulumi from "@pulumi/pulumi";
import { validateServerBackupInputs } from "../provider/domain/server-backup-inputs";
import { timeoutsOf } from "./custom-timeouts";
import { defaultPolicyName } from "./default-name";
import { REPORTED_KEY, reportEarly } from "./early-validation";
import { knownInputs } from "./known-inputs";
import { plainCredentialSettings } from "./plain-credentials";
import { serverBackupProvider } from "./provider-loader";

/** The inputs of a {@link ServerBackup}. Changing any of them takes a new backup (the old one is deleted after). */
export interface ServerBackupArgs {
  /** The server to back up: ACTIVE or SHUTOFF, without shared disks, and (on CSBS) in no backup policy. */
  serverId: pulumi.Input<string>;
  /**
   * The backup's name: 1 to 255 letters, digits, `_` or `-`. Not unique: the service allows several backups of one name.
   * @default - the resource name plus a 7-character suffix derived from project, stack and resource name
   */
  name?: pulumi.Input<string>;
  /** 0 to 255 characters without `<` or `>` (CSBS only keeps it; Karbor does not show it). @default "" */
  description?: pulumi.Input<string>;
  /** Ask for an incremental backup. The service makes the first backup of a server full anyway. @default true */
  incremental?: pulumi.Input<boolean>;
  /** Up to 10 tags on the backup (CSBS only: Karbor checkpoints have none). @default {} */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Any values: when one changes, a new backup is taken, e.g. `[appVersion]`. @default [] */
  triggers?: pulumi.Input<pulumi.Input<unknown>[]>;
  /**
   * The stack config profile whose project and region hold the server (`csbs:profiles.<profile>.*` over the
   * stack-wide settings). Changing it takes a new backup there.
   * @default - none: the stack-wide settings
   */
  profile?: pulumi.Input<string>;
}

/** One disk of the backup. */
export interface ServerBackupVolume {
  id: string;
  sourceVolumeId: string;
  /** The size of the source disk in GB. */
  sizeGb: number;
  bootable: boolean;
}

const BACKUP_TYPE = "ServerBackup";
const MODULE = "csbs";

/** The Pulumi type token of {@link ServerBackup}. */
export const SERVER_BACKUP_TYPE_TOKEN = `pulumi-nodejs:dynamic/${MODULE}:${BACKUP_TYPE}`;

/**
 * An on-demand backup of one server, e.g. before a risky change. `up` waits until the backup is available
 * (polling every few seconds, within `customTimeouts.create`, default 30 minutes); a backup that fails fails the
 * `up` with the service's reason and stays out of the state. Every input change takes a new backup first and
 * then deletes the old one. Deleting sends one DELETE and waits until the backup is gone (`customTimeouts.delete`);
 * with Pulumi's `retainOnDelete: true` the backup stays in the cloud when the resource goes.
 *
 * On CSBS this is the service's one-off backup; on Karbor it is a checkpoint of a plan holding only the server,
 * which the provider creates for the backup and deletes once the backup has ended.
 *
 * Type token: `pulumi-nodejs:dynamic/csbs:ServerBackup`.
 */
export class ServerBackup extends pulumi.dynamic.Resource {
  /** The backup's id (CSBS checkpoint item; on Karbor the checkpoint): what restores and `getBackups` use. Same as `id`. */
  declare readonly backupId: pulumi.Output<string>;
  /** The run the backup belongs to (CSBS checkpoint; on Karbor the same as `backupId`). */
  declare readonly checkpointId: pulumi.Output<string>;
  /** `available` after `up`; a refresh shows the service's current word (`restoring`, ...). */
  declare readonly status: pulumi.Output<string>;
  declare readonly serverId: pulumi.Output<string>;
  /** The server's name as the service recorded it. */
  declare readonly serverName: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string>;
  /** The backup's size in MB (0 on Karbor, which does not report it). */
  declare readonly sizeMb: pulumi.Output<number>;
  /** Whether the service made an incremental backup (false for a server's first backup, and on Karbor). */
  declare readonly incremental: pulumi.Output<boolean>;
  /** The backup of each disk (empty on Karbor, which does not report them). */
  declare readonly volumeBackups: pulumi.Output<ServerBackupVolume[]>;
  /** When the backup was taken, ISO-8601 UTC (on Karbor the day only, at 00:00). */
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly tags: pulumi.Output<Record<string, string>>;
  declare readonly triggers: pulumi.Output<unknown[]>;
  /** The profile the backup was declared with (absent for the stack-wide settings). */
  declare readonly profile: pulumi.Output<string | undefined>;

  constructor(name: string, args: ServerBackupArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      // Keys the type does not know travel on, so check rejects them by name.
      ...(args as object),
      __resourceName: name,
      __timeouts: timeoutsOf(opts),
      serverId: args.serverId,
      name: args.name ?? defaultPolicyName(pulumi.getProject(), pulumi.getStack(), name),
      description: args.description,
      incremental: args.incremental,
      tags: args.tags,
      triggers: args.triggers,
      profile: args.profile,
      backupId: undefined,
      checkpointId: undefined,
      status: undefined,
      serverName: undefined,
      sizeMb: undefined,
      volumeBackups: undefined,
      createdAt: undefined,
    };
    const { failures } = validateServerBackupInputs(knownInputs({ ...(args as object), name: props.name }));
    reportEarly(`ServerBackup "${name}"`, failures);
    super(serverBackupProvider, name, failures.length > 0 || plainCredentialSettings().length > 0 ? { ...props, [REPORTED_KEY]: true } : props, opts, MODULE, BACKUP_TYPE);
  }
}
