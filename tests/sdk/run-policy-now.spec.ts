import * as assert from "node:assert/strict";
import { runPolicyNow, type BackupProgress } from "../../sdk/run-policy-now";
import { isOperationError } from "../../sdk/operation-error";
import { advance, createPolicy, pattern, session, settings, startCloud } from "../localcloud/csbs/support/csbs-session";
import { demoOptions, lookupCloudPerTest } from "./lookup-cloud";

describe("runPolicyNow", function () {
  this.timeout(60_000);
  const ctx = lookupCloudPerTest();

  it("reports each server's progress after every spaced poll until every backup is available", async () => {
    await settings(ctx.cloud, { protectSeconds: 1200, listDelaySeconds: 300 });
    await createPolicy(ctx.demo, { name: "pair", servers: ["web-000", "web-001"] });
    const seen: BackupProgress[][] = [];
    const run = runPolicyNow({ policy: "pair", wait: true, pollIntervalMs: 100, onProgress: (p) => seen.push(p) }, ctx.options);
    while (seen.length < 2) await new Promise((r) => setTimeout(r, 50));
    // The service does not list the new backups yet: both servers read "waiting".
    assert.deepEqual(seen[0].map((p) => p.status), ["waiting", "waiting"]);
    await advance(ctx.cloud, 301);
    while (!seen.some((s) => s.every((p) => p.status === "protecting"))) await new Promise((r) => setTimeout(r, 50));
    await advance(ctx.cloud, 900);
    const result = await run;
    assert.deepEqual(result.backups.map((b) => b.status), ["available", "available"]);
    assert.deepEqual(seen[seen.length - 1].map((p) => [p.serverName, p.status]), [["web-000", "available"], ["web-001", "available"]]);
  });

  it("warns when a scheduled run is due within 3 hours", async () => {
    const now = new Date();
    const soon = new Date(now.getTime() + 90 * 60_000);
    // The warning is about the real time the command runs at: this cloud's clock runs at real time.
    const cloud = await startCloud("in-memory", { clock: { start: now.toISOString() } });
    const warnings: string[] = [];
    let result;
    try {
      const demo = await session(cloud);
      await createPolicy(demo, { name: "soon", servers: ["web-000"], pattern: pattern(`FREQ=DAILY;BYHOUR=${soon.getUTCHours()};BYMINUTE=${soon.getUTCMinutes()}`) });
      result = await runPolicyNow({ policy: "soon", onWarning: (w) => warnings.push(w) }, demoOptions(cloud));
    } finally {
      await cloud.close();
    }
    assert.equal(warnings.length, 1);
    assert.deepEqual(result.warnings, warnings);
    assert.match(warnings[0], /policy soon runs on schedule at .* \(in (89|90|91) min\): a manual backup still running then postpones that run to the next cycle; the guide recommends at least 3 hours/);
  });

  it("fails with rule operation-timeout when the backups do not finish in time, naming the run", async () => {
    await settings(ctx.cloud, { protectSeconds: 600 });
    await createPolicy(ctx.demo, { name: "slow", servers: ["web-000"] });
    await assert.rejects(runPolicyNow({ policy: "slow", wait: true, timeoutMs: 300, pollIntervalMs: 100 }, ctx.options),
      (err: Error) => isOperationError(err, "operation-timeout") && /the backup run [0-9a-f-]+ of policy slow did not finish within 0 s/.test(err.message));
  });

  it("refuses a server that is not in the policy", async () => {
    await createPolicy(ctx.demo, { name: "one", servers: ["web-000"] });
    await assert.rejects(runPolicyNow({ policy: "one", serverIds: ["0b6c1c51-0000-4000-8000-000000000000"] }, ctx.options),
      /server 0b6c1c51-0000-4000-8000-000000000000 is not in policy one; give servers of the policy/);
  });
});
