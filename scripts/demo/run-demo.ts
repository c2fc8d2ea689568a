/**
 * The demo behind `npm run demo`: a local CSBS cloud, the quickstart deployed with the real Pulumi engine, and
 * the walk-through a platform engineer cares about — a rule broken in a preview, the fix applied, a week of
 * scheduled backups with retention, a restore drill with the pulumi-csbs command, and a destroy that keeps the
 * backups.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startLocalCloud } from "../../localcloud";
import { parsePattern } from "../../provider/domain/pattern";
import { utcRulesToSchedule } from "../../provider/domain/utc-rules";
import { renderScheduleGrid, type ScheduleArgs } from "../../sdk";
import { EngineStack, exec, REPO_ROOT } from "../../tests/support/engine";
import { DemoCloud, type BackupRow } from "./demo-cloud";
import { banner, printTable, say } from "./demo-output";

const QUICKSTART = path.join(REPO_ROOT, "examples", "quickstart", "index.ts");

/** Runs the demo and returns the process exit code. */
export async function runDemo(): Promise<number> {
  // From the start of the process: `npm run demo` prepares (npm ci, engine, build) in this same process.
  const started = Date.now() - process.uptime() * 1000;
  const cloud = await startLocalCloud({ port: 0, host: "127.0.0.1" });
  let stack: EngineStack | undefined;
  try {
    banner("1. A local CSBS cloud");
    const api = await DemoCloud.login(cloud.url, cloud.authUrl);
    say(`Keystone, Nova, Cinder and CSBS are listening at ${cloud.url} (auth URL ${cloud.authUrl}).`);
    const servers = await api.serverIdsByName(["web-000", "web-001", "web-002"]);
    say(`Project "demo" has ${await api.serverCount()} servers; the quickstart protects web-000 and web-001.`);

    banner("2. The quickstart's schedule, in your time zone and in UTC");
    const quickstart = fs.readFileSync(QUICKSTART, "utf8");
    say(renderScheduleGrid({ times: ["02:00"], timezone: "UTC" }, "text"));

    banner("3. pulumi up: the quickstart, through the real Pulumi engine");
    stack = await EngineStack.create({
      project: "csbs-quickstart",
      files: { "index.ts": quickstart },
      config: { ...providerConfig(cloud.authUrl) },
      secrets: { "csbs:password": "demo" },
    });
    await must(stack.cli(["config", "set", "--path", "serverIds[0]", servers["web-000"]]));
    await must(stack.cli(["config", "set", "--path", "serverIds[1]", servers["web-001"]]));
    const up = await must(stack.up());
    say(tail(up.output, 8));
    const outputs = await stack.outputs();
    const policy = await api.policyByName(String(outputs.policyName));
    say(`The cloud now has policy ${policy.name} (${policy.id}), status ${policy.status}, protecting ${policy.serverIds.length} servers.`);
    say(`(CSBS reports "${policy.status}" for a new policy whatever it runs: the schedule is on because the policy's \`enabled\` is true.)`);

    banner("4. A pull request that breaks a rule fails in preview, before anything is written");
    stack.writeProgram({ "index.ts": edit(quickstart, 'times: ["02:00"]', 'times: ["02:00", "02:30"]') });
    const broken = await stack.preview();
    if (broken.code === 0) throw new Error("the preview of a schedule with runs 30 minutes apart did not fail");
    say(errorLines(broken.output));
    const after = await api.policyByName(policy.name);
    if (after.pattern !== policy.pattern || after.serverIds.join() !== policy.serverIds.join()) throw new Error("the failed preview changed the policy");
    say(`(exit code ${broken.code}; the cloud still has policy ${policy.name} unchanged: same pattern, same ${after.serverIds.length} servers)`);

    banner("5. The fixed change: runs at 02:00 and 14:00, keep 3 backups per server, one more server");
    stack.writeProgram({
      "index.ts": edit(
        edit(quickstart, 'times: ["02:00"]', 'times: ["02:00", "14:00"]'),
        "retention: { maxBackups: 7 }",
        "retention: { maxBackups: 3 }",
      ),
    });
    await must(stack.cli(["config", "set", "--path", "serverIds[2]", servers["web-002"]]));
    const preview = await must(stack.preview());
    const diff = changedLines(preview.output);
    for (const shown of ["maxBackups", "14:00", servers["web-002"]]) {
      if (!diff.includes(shown)) throw new Error(`the preview's diff does not show ${shown}:\n${preview.output}`);
    }
    say(diff);
    await must(stack.up());
    const updated = await api.policyByName(String(outputs.policyName));
    say(`Applied in place: ${updated.serverIds.length} servers, pattern ${JSON.stringify(updated.pattern)}.`);
    say(renderScheduleGrid(deployedSchedule(updated.pattern, "UTC"), "text"));

    banner("6. One week later: the schedule ran, retention pruned");
    const manual = await api.runNow(updated.id);
    say(`A manual backup first (${manual}): manual backups are never pruned by retention.`);
    const before = await api.clockNow();
    await api.advanceClock(7 * 24 * 3600);
    say(`The cloud's clock moved from ${before} to ${await api.clockNow()}.`);
    const runs = (await api.operationCount("protect")) - 1;
    const pruned = await api.operationCount("delete", "retention");
    say(`The schedule ran ${runs} times (02:00 and 14:00 UTC for 7 days), one backup per server each time;`);
    say(`retention (keep 3 per server) deleted ${pruned} older automatic backups and left the manual ones alone.`);
    for (const name of ["web-000", "web-001", "web-002"]) {
      const rows = await api.backupsOf(servers[name]);
      say(`\n${name} (${servers[name]}): ${rows.length} backups kept`);
      printTable(rows.map((r: BackupRow) => [r.name, r.createdAt, r.status, r.kind]), ["backup", "created (UTC)", "status", "kind"]);
      const automatic = rows.filter((r) => r.kind === "automatic").length;
      if (automatic !== 3 || rows.length !== 4) throw new Error(`${name} should keep 3 automatic backups and its manual one`);
    }
    if (runs !== 14 || pruned !== 3 * (14 - 3)) throw new Error(`expected 14 runs and ${3 * 11} pruned backups, got ${runs} and ${pruned}`);

    banner("7. A restore drill: pulumi-csbs restore, with the stack's own settings");
    const cli = (args: string[]) => exec(process.execPath, [path.join(REPO_ROOT, "dist", "sdk", "cli", "main.js"), "--stack", stack!.stack, ...args], { cwd: stack!.dir, env: stack!.env() });
    const status = await must(cli(["status", "--policy", updated.name, "--json"]));
    const web0 = (JSON.parse(status.stdout) as Array<{ serverName: string; lastBackupId?: string }>).find((r) => r.serverName === "web-000");
    if (!web0?.lastBackupId) throw new Error(`pulumi-csbs status shows no backup of web-000:\n${status.output}`);
    const restored = await must(cli(["restore", web0.lastBackupId, "--yes", "--interval", "1s"]));
    say(`$ pulumi-csbs --stack ${stack.stack} restore ${web0.lastBackupId} --yes`);
    say(restored.stdout.trim());

    banner("8. pulumi destroy: the policy goes, the backups stay");
    const backupsBefore = await api.backupCount();
    await must(stack.destroy());
    const left = await api.policyByNameOrUndefined(String(outputs.policyName));
    const backupsAfter = await api.backupCount();
    say(`Policy ${String(outputs.policyName)} ${left ? "STILL EXISTS" : "is gone"}; backups before destroy: ${backupsBefore}, after: ${backupsAfter}.`);
    if (left || backupsAfter !== backupsBefore) throw new Error("destroy must delete the policy and keep every backup");

    banner("Summary");
    say(
      [
        "- deployed a backup policy and an association with the real Pulumi engine against a local CSBS cloud",
        "- a rule broken in a pull request (runs 30 minutes apart) failed in preview with the property, the rule and the fix",
        "- the fixed change was applied in place; a week of schedule produced backups and retention kept 3 per server",
        "- pulumi-csbs restored web-000 from its newest backup with the stack's own settings (--stack)",
        "- destroy removed the policy and kept every backup",
        `- total ${((Date.now() - started) / 1000).toFixed(0)}s since \`npm run demo\` started, set-up included`,
      ].join("\n"),
    );
    return 0;
  } finally {
    stack?.dispose();
    await cloud.close();
  }
}

function providerConfig(authUrl: string): Record<string, string> {
  return {
    "csbs:authUrl": authUrl,
    "csbs:userName": "demo",
    "csbs:projectName": "demo",
    "csbs:userDomainName": "Default",
    "csbs:projectDomainName": "Default",
  };
}

function edit(source: string, from: string, to: string): string {
  if (!source.includes(from)) throw new Error(`the quickstart no longer contains ${from}; update the demo`);
  return source.replace(from, to);
}

async function must<T extends { code: number; output: string }>(p: Promise<T>): Promise<T> {
  const r = await p;
  if (r.code !== 0) throw new Error(`engine command failed (exit ${r.code}):\n${r.output}`);
  return r;
}

/** The lines of a `preview --diff` that change something (`~`, `+`, `-` marks), with their step headers. */
function changedLines(output: string): string {
  return output.split("\n").filter((l) => /^\s*[~+-] |^\s*[~+-]\s*\[\d+\]|^\s*~ pulumi-nodejs|^Resources:|to update|to create/.test(l)).join("\n");
}

/** The schedule the deployed policy's pattern runs, in `timezone`: the picture comes from the cloud, not the program. */
function deployedSchedule(pattern: string, timezone: string): ScheduleArgs {
  const parsed = parsePattern(pattern);
  if (!parsed.ok) throw new Error(`the deployed pattern does not parse: ${parsed.error}`);
  const back = utcRulesToSchedule(parsed.rules, timezone, new Date());
  if (!back.ok) throw new Error(`the deployed pattern is no schedule in ${timezone}`);
  const { times, weekdays, everyNDays } = back.schedule;
  if (weekdays) return { times, weekdays, timezone };
  return everyNDays !== undefined ? { times, everyNDays, timezone } : { times, timezone };
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

function errorLines(output: string): string {
  const lines = output.split("\n").filter((l) => /error|schedule|rule|apart/i.test(l));
  return lines.slice(0, 12).join("\n");
}
