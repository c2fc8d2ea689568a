import * as assert from "node:assert/strict";
import { admin, login } from "../support/cloud";
import { serverIds } from "./cloud-api";
import { exampleOnCloud } from "./example-on-cloud";
import { setServerIds } from "./example-stack";

const PROVIDER_ID = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";

describe("examples/protection-report", function () {
  this.timeout(300_000);
  // web-000 and web-001 backed up now by their policy, web-002 two days ago, web-003 never.
  const ctx = exampleOnCloud("protection-report", async (cloud) => {
    const ids = await serverIds(cloud, ["web-000", "web-001", "web-002", "web-003"]);
    const { token, csbs } = await login(cloud);
    const call = async (method: string, path: string, body: unknown) => {
      const res = await fetch(`${csbs}${path}`, { method, headers: { "x-auth-token": token, "content-type": "application/json" }, body: JSON.stringify(body) });
      const text = await res.text();
      assert.equal(res.status, 200, text);
      return JSON.parse(text) as { policy: { id: string } };
    };
    const realNow = new Date();
    await admin(cloud, "POST", "/clock", { set: new Date(realNow.getTime() - 48 * 3_600_000).toISOString() });
    await call("POST", `/providers/${PROVIDER_ID}/resources/${ids[2]}/action`, { protect: { backup_name: "two-days-ago" } });
    await admin(cloud, "POST", "/clock", { set: realNow.toISOString() });
    const { policy } = await call("POST", "/policies", { policy: {
      name: "nightly", provider_id: PROVIDER_ID, parameters: { common: {} },
      resources: ids.slice(0, 2).map((id, i) => ({ id, type: "OS::Nova::Server", name: `web-00${i}` })),
      scheduled_operations: [{ enabled: true, operation_type: "backup", operation_definition: { max_backups: 7 },
        trigger: { properties: { pattern: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=1;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" } } }],
    } });
    await call("POST", `/providers/${PROVIDER_ID}/checkpoints`, { checkpoint: { plan_id: policy.id, parameters: {} } });
    return ids.slice(0, 2);
  });

  it("deploys when every server has a fresh available backup, exporting its policy and next run", async () => {
    const up = await ctx.stack.up();
    assert.equal(up.code, 0, up.output);
    const { protection } = (await ctx.stack.outputs()) as { protection: Array<Record<string, string>> };
    assert.deepEqual(protection.map((r) => [r.server, r.policy]), [["web-000", "nightly"], ["web-001", "nightly"]]);
    assert.ok(protection.every((r) => /T01:00:00\.000Z$/.test(r.nextRunAt) && r.lastBackupAt !== ""), JSON.stringify(protection));
  });

  it("fails the deploy naming the server whose last backup is older than maxAgeHours and the one without a backup", async () => {
    const ids = await serverIds(ctx.cloud, ["web-000", "web-001", "web-002", "web-003"]);
    await setServerIds(ctx.stack, ids);
    const up = await ctx.stack.up();
    assert.notEqual(up.code, 0, up.output);
    assert.match(up.output, /2 server\(s\) have no backup younger than 26 h/);
    assert.match(up.output, /web-002 \([0-9a-f-]+\): its last backup is 4[78]\.\d h old/);
    assert.match(up.output, /web-003 \([0-9a-f-]+\) has no available backup, and no policy protects it/);
    assert.doesNotMatch(up.output, /web-000 \(/);
  });
});
