import * as assert from "node:assert/strict";
import {
  BASIC_SCHEDULE,
  CsbsDirect,
  liveServers,
  scenarioStack,
  setProgram,
  startTestCloud,
  webServers,
  type EngineStack,
  type ProgramSpec,
  type TestCloud,
} from "./scenario-support";

/**
 * Acceptance 1, 2, 7 and 8 of the provider on one stack, step by step: up, no-change preview, in-place edits,
 * drift from out-of-band changes, destroy keeping backups.
 */
describe("BackupPolicy and PolicyAssociation through the engine", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let stack: EngineStack;
  let api: CsbsDirect;
  let web: string[];

  const initial = (): ProgramSpec => ({
    policies: [
      {
        resource: "daily",
        args: { name: "daily-web", description: "web tier", schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 }, tags: { team: "web" } },
        associations: [
          { resource: "web-a", serverIds: web.slice(0, 3) },
          { resource: "web-b", serverIds: web.slice(3, 5) },
        ],
      },
    ],
  });

  before(async () => {
    cloud = await startTestCloud();
    api = await CsbsDirect.login(cloud);
    web = webServers(cloud, 8);
    stack = await scenarioStack(cloud, "lifecycle", initial());
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  it("creates a policy with two associations, and the outputs match the cloud", async () => {
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    const outs = (await stack.outputs()) as Record<string, Record<string, unknown>>;
    const live = await api.policy(String(outs.daily.id));
    assert.equal(live.name, "daily-web");
    assert.equal(outs.daily.name, live.name);
    assert.equal(outs.daily.status, live.status);
    assert.equal(outs.daily.createdAt, live.created_at);
    assert.equal(outs.daily.pattern, live.scheduled_operations[0].trigger.properties.pattern);
    assert.equal(outs.daily.projectId, live.project_id);
    assert.deepEqual(outs.daily.tags, { team: "web" });
    assert.deepEqual(liveServers(live), web.slice(0, 5).sort());
    assert.deepEqual([...(outs["web-a"].serverIds as string[])].sort(), web.slice(0, 3).sort());
    assert.deepEqual([...(outs["web-b"].serverIds as string[])].sort(), web.slice(3, 5).sort());
    assert.equal((await api.policies()).length, 1);
  });

  it("shows no changes on a second preview", async () => {
    const again = await stack.preview(["--expect-no-changes"]);
    assert.equal(again.code, 0, again.output);
  });

  it("edits schedule, retention, enabled, tags and server lists in place", async () => {
    const edited = initial();
    edited.policies[0].args = {
      name: "daily-web",
      description: "web tier",
      enabled: false,
      schedule: { times: ["3:00"], everyNDays: 2, timezone: "UTC+02:00" },
      retention: { maxAgeDays: 30 },
      tags: { team: "platform", tier: "web" },
    };
    edited.policies[0].associations = [
      { resource: "web-a", serverIds: [web[0], web[5]] },
      { resource: "web-b", serverIds: [web[3], web[4], web[6]] },
    ];
    setProgram(stack, edited);
    const preview = await stack.previewJson();
    assert.equal(preview.result.code, 0, preview.result.output);
    const ops = (preview.steps ?? []).filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn.split("::").pop()}`);
    assert.deepEqual(ops.sort(), ["update daily", "update web-a", "update web-b"]);

    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    const outs = (await stack.outputs()) as Record<string, Record<string, unknown>>;
    const live = await api.policy(String(outs.daily.id));
    const op = live.scheduled_operations[0];
    assert.equal(String(op.enabled).toLowerCase(), "false");
    assert.equal(String(op.operation_definition.retention_duration_days), "30");
    assert.equal(String(op.operation_definition.max_backups), "-1");
    assert.match(op.trigger.properties.pattern, /FREQ=DAILY;INTERVAL=2;BYHOUR=1;BYMINUTE=0/);
    assert.deepEqual(Object.fromEntries((live.tags ?? []).map((t) => [t.key, t.value])), { team: "platform", tier: "web" });
    assert.deepEqual(liveServers(live), [web[0], web[3], web[4], web[5], web[6]].sort());

    const quiet = await stack.preview(["--expect-no-changes"]);
    assert.equal(quiet.code, 0, quiet.output);
  });

  it("shows a policy change and a removed server made out of band as drift on refresh, and up restores them", async () => {
    const outs = (await stack.outputs()) as Record<string, Record<string, unknown>>;
    const id = String(outs.daily.id);
    const before = await api.policy(id);
    const op = before.scheduled_operations[0];
    await api.call("PUT", `/policies/${id}`, {
      policy: {
        description: "changed in the console",
        resources: before.resources.filter((r) => r.id !== web[5]),
        scheduled_operations: [{ id: op.id, enabled: true, operation_definition: { max_backups: 3, retention_duration_days: -1, permanent: false }, trigger: { properties: { pattern: op.trigger.properties.pattern } } }],
      },
    });

    const refresh = await stack.refresh();
    assert.equal(refresh.code, 0, refresh.output);
    const drift = await stack.previewJson();
    const ops = (drift.steps ?? []).filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn.split("::").pop()}`);
    assert.deepEqual(ops.sort(), ["update daily", "update web-a"]);

    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    const after = await api.policy(id);
    assert.equal(after.description, "web tier");
    assert.equal(String(after.scheduled_operations[0].enabled).toLowerCase(), "false");
    assert.equal(String(after.scheduled_operations[0].operation_definition.retention_duration_days), "30");
    assert.ok(liveServers(after).includes(web[5]));
    const quiet = await stack.preview(["--expect-no-changes"]);
    assert.equal(quiet.code, 0, quiet.output);
  });

  it("destroys policies and associations and keeps every backup", async () => {
    const outs = (await stack.outputs()) as Record<string, Record<string, unknown>>;
    const id = String(outs.daily.id);
    await api.call("POST", "/providers/fc4d5750-22e7-4798-8a46-f48f62c4c1da/checkpoints", {
      checkpoint: { plan_id: id, parameters: { auto_trigger: false } },
    });
    const backups = await api.items(`?policy_id=${id}`);
    assert.ok(backups.length > 0, "a manual run made backups");

    const destroy = await stack.destroy();
    assert.equal(destroy.code, 0, destroy.output);
    assert.deepEqual(await api.policies(), []);
    const kept = await api.items();
    for (const b of backups) assert.ok(kept.some((k) => k.id === b.id), `backup ${b.id} was kept`);
    assert.equal(((await stack.exportState()).deployment.resources ?? []).length, 0);
  });
});
