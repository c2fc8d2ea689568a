#!/usr/bin/env node
/**
 * The `pulumi-csbs` command: day-2 operations (status, backup now, restore, jobs) with the same settings as
 * the provider: `--stack NAME` reads the stack's csbs:* and openstack:* config through the Pulumi CLI, `--profile NAME`
 * one profile of it (of the current stack without --stack); otherwise OS_* and clouds.yaml (`--cloud`, OS_CLOUD).
 * Exit status 0 = done, 1 = refused or failed (the message says why).
 */
import { Command, InvalidArgumentError, Option } from "commander";
import { closeAgents } from "../../provider/clients/tls";
import { isOperationError } from "../operation-error";
import { backupNowCommand } from "./commands/backup-now";
import { jobsCommand } from "./commands/jobs";
import { restoreCommand } from "./commands/restore";
import { statusCommand } from "./commands/status";
import type { ConnectionOptions } from "../connection";
import { connectionOptions, profileSourcesNote, type SettingsFlags } from "./stack-settings";
import { parseDuration, terminal } from "./terminal";

function duration(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) throw new InvalidArgumentError("give a duration such as 5s, 10m or 2h");
  return ms;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const term = terminal();

async function run(action: (options: ConnectionOptions) => Promise<number>, program: Command): Promise<void> {
  let code = 1;
  let options: ConnectionOptions | undefined;
  try {
    options = await connectionOptions(program.opts<SettingsFlags>());
    code = await action(options);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // A rule's refusal is about the request; anything else of a profile's connection names its settings' sources, as in a preview.
    const note = isOperationError(err) ? ` [rule ${err.rule}]` : options ? profileSourcesNote(options) : "";
    term.err(term.colors.red(`pulumi-csbs: ${message}${note}`));
  } finally {
    await closeAgents().catch(() => undefined);
  }
  process.exitCode = code;
}

export function buildProgram(): Command {
  const program = new Command("pulumi-csbs")
    .description("Day-2 operations of Cloud Server Backup Service: protection status, back up now, restore a server, jobs")
    .option("--stack <name>", "use this Pulumi stack's csbs:* and openstack:* configuration (read with the Pulumi CLI in the current directory)")
    .option("--profile <name>", "use this profile's project and region (csbs:profiles.<name>.*, over the stack-wide settings) of --stack, or of the current stack without --stack")
    .option("--cloud <name>", "the clouds.yaml entry to use (default: OS_CLOUD; OS_* variables otherwise)")
    .showHelpAfterError();

  program.command("status")
    .description("which policy protects each server, its last backup and age, and the next run")
    .option("--policy <name>", "only the servers of this policy (name or id)")
    .option("--json", "print the rows as JSON for scripts")
    .action((flags: { policy?: string; json?: boolean }) => run((o) => statusCommand(term, o, flags), program));

  program.command("backup-now")
    .description("execute a policy now (its servers, or some of them)")
    .argument("<policy>", "the policy's name or id")
    .option("--server <id>", "back up only this server of the policy (repeatable)", collect)
    .option("--wait", "show progress per server until each backup is available or failed")
    .addOption(new Option("--timeout <duration>", "give up waiting after this long").argParser(duration))
    .addOption(new Option("--interval <duration>", "time between two polls").argParser(duration))
    .action((policy: string, flags: { server?: string[]; wait?: boolean; timeout?: number; interval?: number }) =>
      run((o) => backupNowCommand(term, o, policy, { server: flags.server, wait: flags.wait, timeoutMs: flags.timeout, pollIntervalMs: flags.interval }), program));

  program.command("restore")
    .description("restore a server from a backup (overwrites its data; cannot be undone; shuts the server down)")
    .argument("<backup>", "the backup id")
    .option("--server <id>", "restore onto this server (default: the server the backup was taken of)")
    .option("--no-power-on", "leave the server SHUTOFF after the restore")
    .option("--disk <SRC=DST>", "restore the backup of disk SRC onto disk DST of the server (repeatable)", collect)
    .option("--yes", "do not ask for confirmation")
    .addOption(new Option("--timeout <duration>", "give up waiting after this long").argParser(duration))
    .addOption(new Option("--interval <duration>", "time between two polls").argParser(duration))
    .action((backup: string, flags: { server?: string; powerOn: boolean; disk?: string[]; yes?: boolean; timeout?: number; interval?: number }) =>
      run((o) => restoreCommand(term, o, backup, { server: flags.server, powerOn: flags.powerOn, disk: flags.disk, yes: flags.yes, timeoutMs: flags.timeout, pollIntervalMs: flags.interval }), program));

  program.command("jobs")
    .description("backup, delete and restore jobs with their errors, newest first")
    .option("--failed", "only failed jobs")
    .option("--since <duration>", "only jobs started within this long, e.g. 24h")
    .option("--json", "print the jobs as JSON for scripts")
    .action((flags: { failed?: boolean; since?: string; json?: boolean }) => run((o) => jobsCommand(term, o, flags), program));

  return program;
}

if (require.main === module) {
  buildProgram().parseAsync(process.argv).catch((err: unknown) => {
    term.err(`pulumi-csbs: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
