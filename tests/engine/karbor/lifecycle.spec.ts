import * as assert from "node:assert/strict";
import { login } from "../../support/cloud";
import { BASIC_SCHEDULE, setProgram, webServers, type ProgramSpec } from "../provider/scenario-support";
import {
  EngineStack, KarborDirect, karborStack, KEEPER, OS_INFRA, startKarborTestCloud, type TestCloud,
} from "./karbor-scenario-support";

function assertAbsent(text: string, secret: string, where: string): void {
  for (const s of [secret, Buffer.from(secret).toString("base64")]) assert.ok(!text.includes(s), `${where} contains a secret`);
}

/**
 * Acceptance 1, 2, 7, 8 and 10 of the provider with csbs:api = karbor, on one stack: up, a quiet preview, in-place
 * edits, drift made directly in Karbor, no secret in state, and destroy keeping checkpoints.
 */
describe("BackupPolicy and PolicyAssociation through the engine on Karbor", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let stack: EngineStack;
  let api: KarborDirect;
  let web: string[];
  const outputs: string[] = [];

  const initial = (): ProgramSpec => ({
    policies: [{
      resource: "daily",
      args: { name: "daily-web", description: "web tier", schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 }, tags: { team: "web" } },
      associations: [
        { resource: "web-a", serverIds: web.slice(0, 3) },
        { resource: "web-b", serverIds: web.slice(3, 5) },
      ],
    }],
  });

  before(async () => {
    cloud = await startKarborTestCloud();
    api = await KarborDirect.login(cloud);
    web = webServers(cloud, 8);
    stack = await karborStack(cloud, "karbor-lifecycle", initial(), KEEPER);
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  const outs = async () => (await stack.outputs()) as Record<string, Record<string, unknown>>;

  it("creates a plan, its trigger and its operation with two associations, and the outputs match the cloud", async () => {
    const up = await stack.up();
    outputs.push(up.output);
    assert.equal(up.code, 0, up.output);
    const o = await outs();
    const live = await api.policy(String(o.daily.id));
    assert.equal(live.plan.name, "daily-web");
    assert.equal(o.daily.status, "suspended");
    assert.equal(o.daily.pattern, live.trigger?.properties.pattern);
    assert.equal(live.operations.length, 1);
    assert.equal(live.operations[0].operation_type, "retention_protect");
    assert.equal(String(live.operations[0].operation_definition.max_backups), "7");
    assert.deepEqual(o.daily.tags, { team: "web" });
    assert.deepEqual(live.servers, web.slice(0, 5).sort());
    assert.deepEqual([...(o["web-a"].serverIds as string[])].sort(), web.slice(0, 3).sort());
    assert.equal((await api.plans()).length, 1);
  });

  it("shows no changes on a second preview", async () => {
    const again = await stack.preview(["--expect-no-changes"]);
    assert.equal(again.code, 0, again.output);
  });

  it("edits schedule, retention, enabled, tags and server lists in place", async () => {
    const edited = initial();
    edited.policies[0].args = {
      name: "daily-web", description: "web tier", enabled: false,
      schedule: { times: ["3:00"], everyNDays: 2, timezone: "UTC+02:00" }, retention: { maxAgeDays: 30 }, tags: { team: "platform", tier: "web" },
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
    outputs.push(up.output);
    assert.equal(up.code, 0, up.output);
    const live = await api.policy(String((await outs()).daily.id));
    assert.deepEqual(live.operations, [], "a disabled policy has no scheduled operation");
    assert.match(live.trigger?.properties.pattern ?? "", /FREQ=DAILY;INTERVAL=2;BYHOUR=1;BYMINUTE=0/);
    assert.match(live.trigger?.name ?? "", /\|keep=-1,30\|tags=team=platform,tier=web$/);
    assert.deepEqual(live.servers, [web[0], web[3], web[4], web[5], web[6]].sort());
    const quiet = await stack.preview(["--expect-no-changes"]);
    assert.equal(quiet.code, 0, quiet.output);
  });

  it("shows changes made directly in Karbor as drift on refresh, and up restores them", async () => {
    const id = String((await outs()).daily.id);
    const before = await api.policy(id);
    await api.call("PUT", `/plans/${id}`, { plan: { description: "changed in the console", resources: before.plan.resources.filter((r) => r.id !== web[5]) } });
    await api.call("POST", "/scheduled_operations", { scheduled_operation: { name: "by-hand", operation_type: "retention_protect", trigger_id: before.trigger?.id,
      operation_definition: { plan_id: id, provider_id: OS_INFRA, max_backups: 3 } } });

    const refresh = await stack.refresh();
    outputs.push(refresh.output);
    assert.equal(refresh.code, 0, refresh.output);
    const drift = await stack.previewJson();
    const ops = (drift.steps ?? []).filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn.split("::").pop()}`);
    assert.deepEqual(ops.sort(), ["update daily", "update web-a"]);

    const up = await stack.up();
    outputs.push(up.output);
    assert.equal(up.code, 0, up.output);
    const after = await api.policy(id);
    assert.equal(after.plan.description, "web tier");
    assert.deepEqual(after.operations, [], "the policy is disabled again");
    assert.ok(after.servers.includes(web[5]));
    const quiet = await stack.preview(["--expect-no-changes"]);
    assert.equal(quiet.code, 0, quiet.output);
  });

  it("keeps the password out of state and engine output, and the serialized provider small", async () => {
    const text = stack.stateFileText();
    assertAbsent(text, KEEPER.password, "the state file");
    for (const o of outputs) assertAbsent(o, KEEPER.password, "engine output");
    const state = await stack.exportState();
    for (const r of (state.deployment.resources ?? []).filter((x) => x.type.startsWith("pulumi-nodejs:dynamic/csbs:"))) {
      const provider = String((r.outputs ?? {}).__provider ?? "");
      assert.ok(provider.length < 2600, `the provider text has ${provider.length} characters`);
      assert.match(provider, /require\("pulumi-csbs\/dist\/provider\/hooks\/(policy|association)-hooks\.js"\)/);
    }
  });

  it("destroys with a token instead of a password, removing plans, triggers and operations and keeping checkpoints", async () => {
    const id = String((await outs()).daily.id);
    await api.call("POST", `/providers/${OS_INFRA}/checkpoints`, { checkpoint: { plan_id: id } });
    const backups = await KarborDirect.backups(cloud, id);
    assert.ok(backups.length > 0, "a manual checkpoint made backups");

    const { token } = await login(cloud, KEEPER.user, KEEPER.password, "demo");
    await stack.cli(["config", "rm", "csbs:password"], { check: true });
    await stack.cli(["config", "set", "--secret", "csbs:token", token], { check: true });
    const destroy = await stack.destroy();
    assert.equal(destroy.code, 0, destroy.output);
    assertAbsent(destroy.output, token, "engine output");
    assertAbsent(stack.stateFileText(), token, "the state file");
    assert.deepEqual(await api.plans(), []);
    assert.deepEqual((await api.call<{ triggers: unknown[] }>("GET", "/triggers")).triggers, []);
    assert.deepEqual((await api.call<{ operations: unknown[] }>("GET", "/scheduled_operations")).operations, []);
    const kept = await KarborDirect.backups(cloud);
    for (const b of backups) assert.ok(kept.some((k) => k.id === b.id), `backup ${b.id} was kept`);
    assert.equal(((await stack.exportState()).deployment.resources ?? []).length, 0);
  });
});
