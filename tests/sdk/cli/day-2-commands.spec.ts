import * as assert from "node:assert/strict";
import { admin } from "../../support/cloud";
import { advance, createPolicy, type Json, serverId, settings } from "../../localcloud/csbs/support/csbs-session";
import { lookupCloudPerTest, requestsTo } from "../lookup-cloud";
import { demoEnv, pulumiCsbs } from "./cli-run";

type Cloud = Parameters<typeof serverId>[0];

/** The cloud's collections (servers, volumes, ...) through the admin API. */
async function cloudState(cloud: Cloud): Promise<Record<string, Json[]>> {
  return (await admin<{ collections: Record<string, Json[]> }>(cloud, "GET", "/state")).collections;
}

async function serverStatus(ctx: { cloud: Cloud }, id: string): Promise<string> {
  return (await cloudState(ctx.cloud)).servers.find((s) => s.id === id).status;
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never saw: ${what}`);
}

describe("pulumi-csbs day-2 commands", function () {
  this.timeout(120_000);
  const ctx = lookupCloudPerTest();

  describe("backup-now", () => {
    it("waits for the three backups of a policy and exits 0; a second backup-now while they run is refused naming the rule", async () => {
      await settings(ctx.cloud, { protectSeconds: 600 });
      await createPolicy(ctx.demo, { name: "three-web", servers: ["web-000", "web-001", "web-002"] });
      const env = demoEnv(ctx.cloud);
      const first = pulumiCsbs(["backup-now", "three-web", "--wait", "--interval", "1s"], env);
      await until("three protecting backups", async () => (await ctx.demo.call("GET", "/checkpoint_items?status=protecting")).body.checkpoint_items.length === 3);
      const second = await pulumiCsbs(["backup-now", "three-web"], env);
      assert.equal(second.code, 1, second.stderr);
      assert.match(second.stderr, /web-00[0-2] \([0-9a-f-]+\).* is being backed up .*cannot be backed up again by hand.*\[rule server-being-backed-up\]/);
      await advance(ctx.cloud, 601);
      const done = await first;
      assert.equal(done.code, 0, done.stdout + done.stderr);
      for (const name of ["web-000", "web-001", "web-002"]) {
        assert.match(done.stdout, new RegExp(`^${name}: protecting$`, "m"));
        assert.match(done.stdout, new RegExp(`^${name}: available$`, "m"));
      }
      assert.match(done.stdout, /3 of 3 backup\(s\) available/);
      const items = (await ctx.demo.call("GET", "/checkpoint_items")).body.checkpoint_items;
      assert.deepEqual(items.map((i: Json) => i.status), ["available", "available", "available"]);
    });
  });

  describe("jobs", () => {
    it("lists a failed backup with the service's reason under --failed", async () => {
      await settings(ctx.cloud, { failReasons: { [serverId(ctx.cloud, "web-001")]: "the snapshot of disk vda timed out" } });
      await createPolicy(ctx.demo, { name: "pair", servers: ["web-000", "web-001"] });
      const env = demoEnv(ctx.cloud);
      const run = await pulumiCsbs(["backup-now", "pair", "--wait", "--interval", "1s"], env);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stderr, /backup of web-001 failed: the snapshot of disk vda timed out/);
      const jobs = await pulumiCsbs(["jobs", "--failed", "--since", "24h"], env);
      assert.equal(jobs.code, 0, jobs.stderr);
      const lines = jobs.stdout.trim().split("\n");
      assert.match(lines[0], /^JOB\s+STATE\s+STARTED\s+ENDED\s+SERVERS\s+REASON$/);
      assert.equal(lines.length, 2, jobs.stdout);
      assert.match(lines[1], /^backup\s+failed\s+.*CSBS\.9999: the snapshot of disk vda timed out$/);
      const all = await pulumiCsbs(["jobs", "--json"], env);
      assert.equal(JSON.parse(all.stdout).length, 1);
    });
  });

  describe("status", () => {
    it("prints a table and JSON that agree with the cloud", async () => {
      const policy = await createPolicy(ctx.demo, { name: "nightly", servers: ["web-000"] });
      const run = await ctx.demo.call("POST", `/providers/fc4d5750-22e7-4798-8a46-f48f62c4c1da/checkpoints`, { checkpoint: { plan_id: policy.id, parameters: {} } });
      assert.equal(run.status, 200);
      const env = demoEnv(ctx.cloud);
      const json = await pulumiCsbs(["status", "--json"], env);
      assert.equal(json.code, 0, json.stderr);
      const rows: Json[] = JSON.parse(json.stdout);
      const nova = (await ctx.demo.call("GET", `${ctx.demo.csbs.replace(/\/csbs\/v1\/.*$/, "")}/compute/v2.1/servers`)).body;
      assert.equal(rows.length, nova.servers.length);
      const [item] = (await ctx.demo.call("GET", "/checkpoint_items")).body.checkpoint_items;
      const web0 = rows.find((r) => r.serverName === "web-000");
      assert.equal(web0.policyId, policy.id);
      assert.equal(web0.lastBackupAt, new Date(`${item.created_at}Z`).toISOString());
      assert.equal(web0.lastBackupStatus, item.status);
      const table = await pulumiCsbs(["status", "--policy", "nightly"], env);
      assert.equal(table.code, 0, table.stderr);
      const lines = table.stdout.trim().split("\n");
      assert.match(lines[0], /^SERVER\s+STATE\s+POLICY\s+LAST BACKUP\s+AGE\s+STATUS\s+NEXT RUN$/);
      assert.equal(lines.length, 2);
      assert.match(lines[1], new RegExp(`^web-000\\s+ACTIVE\\s+nightly\\s+${web0.lastBackupAt.replace(/\./g, "\\.")}\\s+\\S+( \\S+)?\\s+available\\s+${web0.nextRunAt.replace(/\./g, "\\.")}$`));
      assert.doesNotMatch(table.stdout, /\u001b\[/, "no colour when stdout is not a terminal");
    });
  });

  describe("restore", () => {
    const P = "/providers/fc4d5750-22e7-4798-8a46-f48f62c4c1da";

    async function backupOf(name: string): Promise<Json> {
      const r = await ctx.demo.call("POST", `${P}/resources/${serverId(ctx.cloud, name)}/action`, { protect: { backup_name: `of-${name}` } });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const items = (await ctx.demo.call("GET", `/checkpoint_items?checkpoint_id=${r.body.checkpoint.id}`)).body.checkpoint_items;
      return items[0];
    }

    it("shuts the server down during the restore and starts it again; with --no-power-on it stays SHUTOFF", async () => {
      await settings(ctx.cloud, { restoreSeconds: 600 });
      const env = demoEnv(ctx.cloud);
      const web0 = serverId(ctx.cloud, "web-000");
      const backup = await backupOf("web-000");
      const restoring = pulumiCsbs(["restore", backup.id, "--yes", "--interval", "500ms"], env);
      await until("web-000 SHUTOFF during the restore", async () => (await serverStatus(ctx, web0)) === "SHUTOFF");
      assert.equal((await ctx.demo.call("GET", `/checkpoint_items/${backup.id}`)).body.checkpoint_item.status, "restoring");
      await advance(ctx.cloud, 601);
      const done = await restoring;
      assert.equal(done.code, 0, done.stdout + done.stderr);
      assert.match(done.stdout, /restore [0-9a-f-]+ succeeded: server web-000 is ACTIVE/);
      assert.equal(await serverStatus(ctx, web0), "ACTIVE");

      await settings(ctx.cloud, { restoreSeconds: 0 });
      const off = await pulumiCsbs(["restore", backup.id, "--yes", "--no-power-on", "--interval", "500ms"], env);
      assert.equal(off.code, 0, off.stdout + off.stderr);
      assert.equal(await serverStatus(ctx, web0), "SHUTOFF");
      const jobs = await pulumiCsbs(["jobs", "--json"], env);
      assert.deepEqual(JSON.parse(jobs.stdout).filter((j: Json) => j.type === "restore").map((j: Json) => j.state), ["succeeded", "succeeded"]);
    });

    it("refuses an ERROR server, a RESIZE server, a data disk onto a system disk and a smaller disk before sending anything", async () => {
      await admin(ctx.cloud, "POST", "/fixtures", { projects: [{ name: "demo", servers: [
        { name: "app-src", status: "ACTIVE", volumes: [{ sizeGb: 40, bootable: true }, { sizeGb: 100, bootable: false }] },
        { name: "app-small", status: "ACTIVE", volumes: [{ sizeGb: 40, bootable: true }, { sizeGb: 50, bootable: false }] },
        { name: "resizing-0", status: "RESIZE", volumes: [{ sizeGb: 40, bootable: true }] },
      ] }] });
      const state = await cloudState(ctx.cloud);
      const byName = (n: string) => state.servers.find((s) => s.name === n);
      const disks = (n: string) => byName(n).volumeIds.map((id: string) => state.volumes.find((v) => v.id === id));
      const env = demoEnv(ctx.cloud);
      const web = await backupOf("web-000");
      const app = (await ctx.demo.call("POST", `${P}/resources/${byName("app-src").id}/action`, { protect: {} })).body.checkpoint;
      const [appItem] = (await ctx.demo.call("GET", `/checkpoint_items?checkpoint_id=${app.id}`)).body.checkpoint_items;
      const [appBoot, appData] = disks("app-src");
      const [smallBoot, smallData] = disks("app-small");
      assert.ok(appBoot.bootable && !appData.bootable && smallBoot.bootable && !smallData.bootable);
      await admin(ctx.cloud, "DELETE", "/requests");

      const cases: Array<[string[], RegExp]> = [
        [[web.id, "--server", byName("broken-0").id], /is Faulty \(ERROR\): a server that is Faulty, Resizing or Verifying resizing cannot be restored; repair it.*\[rule server-state-not-restorable\]/],
        [[web.id, "--server", byName("resizing-0").id], /is Resizing \(RESIZE\).*finish the resize.*\[rule server-state-not-restorable\]/],
        [[appItem.id, "--server", byName("app-small").id, "--disk", `${appBoot.id}=${smallBoot.id}`, "--disk", `${appData.id}=${smallBoot.id}`],
          /is a data disk and target .* is the server's system disk: data on data disks cannot be restored to system disks; map it to a data disk.*\[rule data-disk-to-system-disk\]/],
        [[appItem.id, "--server", byName("app-small").id, "--disk", `${appBoot.id}=${smallBoot.id}`, "--disk", `${appData.id}=${smallData.id}`],
          /has 50 GB but disk .* had 100 GB: a target disk must be at least as large as the original; choose a disk of 100 GB or more.*\[rule target-disk-too-small\]/],
      ];
      for (const [args, message] of cases) {
        const r = await pulumiCsbs(["restore", ...args, "--yes"], env);
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stderr, message);
      }
      assert.equal(await requestsTo(ctx.cloud, "POST", "/restores"), 0);
    });

    it("refuses to proceed without --yes when stdin is not a terminal", async () => {
      const backup = await backupOf("web-000");
      await admin(ctx.cloud, "DELETE", "/requests");
      const r = await pulumiCsbs(["restore", backup.id], demoEnv(ctx.cloud));
      assert.equal(r.code, 1);
      assert.match(r.stdout, /restore backup [\s\S]* onto server web-000/);
      assert.match(r.stderr, /refusing to restore without confirmation: stdin is not a terminal.*add --yes to confirm/);
      assert.equal(await requestsTo(ctx.cloud, "POST", "/restores"), 0);
      assert.equal(await serverStatus(ctx, serverId(ctx.cloud, "web-000")), "ACTIVE");
    });
  });
});
