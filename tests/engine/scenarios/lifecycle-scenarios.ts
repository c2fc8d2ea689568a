import * as assert from "node:assert/strict";
import { login, type TestCloud } from "../../support/cloud";
import type { EngineStack } from "../../support/engine";
import { KEEPER, type Dialect, type ScenarioApi } from "./dialect";
import { OS_INFRA } from "./karbor-direct";
import { BASIC_SCHEDULE, changedSteps, outputsOf, scenarioStack, setProgram, webServers, type ProgramSpec } from "./program";
import { assertAbsent, assertLoaderText, providerTexts } from "./secret-leaks";

/**
 * Acceptance 1, 2, 7, 8 and 10 of the provider on one stack, step by step: up, a quiet preview, in-place edits,
 * drift from out-of-band changes, no secret in state, destroy (with a token) keeping backups.
 */
export function describeLifecycle(d: Dialect): void {
  describe("BackupPolicy and PolicyAssociation through the engine", function () {
    this.timeout(300_000);
    let cloud: TestCloud;
    let stack: EngineStack;
    let api: ScenarioApi;
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
      cloud = await d.startCloud();
      api = await d.login(cloud);
      web = webServers(cloud, 8);
      stack = await scenarioStack(cloud, `${d.api}-lifecycle`, initial(), { api: d.api, user: KEEPER });
    });
    after(async () => {
      stack?.dispose();
      await cloud?.close();
    });

    it("creates a policy with two associations, and the outputs match the cloud", async () => {
      const up = await stack.up();
      outputs.push(up.output);
      assert.equal(up.code, 0, up.output);
      const outs = await outputsOf(stack);
      const id = String(outs.daily.id);
      const live = await api.summary(id);
      assert.equal(live.name, "daily-web");
      assert.equal(outs.daily.name, live.name);
      assert.equal(outs.daily.pattern, live.pattern);
      assert.deepEqual(outs.daily.tags, { team: "web" });
      assert.deepEqual(live.servers, web.slice(0, 5).sort());
      assert.deepEqual([...(outs["web-a"].serverIds as string[])].sort(), web.slice(0, 3).sort());
      assert.deepEqual([...(outs["web-b"].serverIds as string[])].sort(), web.slice(3, 5).sort());
      assert.equal((await api.policies()).length, 1);
      if (api.dialect === "csbs") {
        const policy = await api.policy(id);
        assert.equal(outs.daily.status, policy.status);
        assert.equal(outs.daily.createdAt, policy.created_at);
        assert.equal(outs.daily.projectId, policy.project_id);
      } else {
        // A new plan is "suspended" until its first checkpoint; the policy is one plan + trigger + operation.
        const plan = await api.policy(id);
        assert.equal(outs.daily.status, "suspended");
        assert.equal(plan.operations.length, 1);
        assert.equal(plan.operations[0].operation_type, "retention_protect");
        assert.equal(String(plan.operations[0].operation_definition.max_backups), "7");
      }
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
      assert.deepEqual(changedSteps(preview), ["update daily", "update web-a", "update web-b"]);

      const up = await stack.up();
      outputs.push(up.output);
      assert.equal(up.code, 0, up.output);
      const id = String((await outputsOf(stack)).daily.id);
      const live = await api.summary(id);
      assert.equal(live.enabled, false, "the policy is disabled");
      assert.match(live.pattern, /FREQ=DAILY;INTERVAL=2;BYHOUR=1;BYMINUTE=0/);
      assert.deepEqual(live.servers, [web[0], web[3], web[4], web[5], web[6]].sort());
      if (api.dialect === "csbs") {
        const policy = await api.policy(id);
        const op = policy.scheduled_operations[0];
        assert.equal(String(op.operation_definition.retention_duration_days), "30");
        assert.equal(String(op.operation_definition.max_backups), "-1");
        // The provider keeps its ownership marker among the policy's tags (provider/backends/ownership-marker.ts).
        const { "pulumi-csbs-owner": owner, ...tags } = Object.fromEntries((policy.tags ?? []).map((t) => [t.key, t.value]));
        assert.deepEqual(tags, { team: "platform", tier: "web" });
        assert.ok(owner, "the ownership marker outlives a tag update");
      } else {
        // Karbor has no place for retention and tags while the policy is disabled: the trigger's name carries them.
        assert.match((await api.policy(id)).trigger?.name ?? "", /\|keep=-1,30\|tags=team=platform,tier=web$/);
      }
      const quiet = await stack.preview(["--expect-no-changes"]);
      assert.equal(quiet.code, 0, quiet.output);
    });

    it("shows changes made out of band (a server removed, the policy changed) as drift on refresh, and up restores them", async () => {
      const id = String((await outputsOf(stack)).daily.id);
      if (api.dialect === "csbs") {
        const before = await api.policy(id);
        const op = before.scheduled_operations[0];
        await api.call("PUT", `/policies/${id}`, {
          policy: {
            description: "changed in the console",
            resources: before.resources.filter((r) => r.id !== web[5]),
            scheduled_operations: [{ id: op.id, enabled: true, operation_definition: { max_backups: 3, retention_duration_days: -1, permanent: false }, trigger: { properties: { pattern: op.trigger.properties.pattern } } }],
          },
        });
      } else {
        // Enabling a Karbor plan by hand means adding an operation to its trigger.
        const before = await api.policy(id);
        await api.call("PUT", `/plans/${id}`, { plan: { description: "changed in the console", resources: before.plan.resources.filter((r) => r.id !== web[5]) } });
        await api.call("POST", "/scheduled_operations", { scheduled_operation: { name: "by-hand", operation_type: "retention_protect", trigger_id: before.trigger?.id,
          operation_definition: { plan_id: id, provider_id: OS_INFRA, max_backups: 3 } } });
      }

      const refresh = await stack.refresh();
      outputs.push(refresh.output);
      assert.equal(refresh.code, 0, refresh.output);
      assert.deepEqual(changedSteps(await stack.previewJson()), ["update daily", "update web-a"]);

      const up = await stack.up();
      outputs.push(up.output);
      assert.equal(up.code, 0, up.output);
      const after = await api.summary(id);
      assert.equal(after.description, "web tier");
      assert.equal(after.enabled, false, "the policy is disabled again");
      assert.ok(after.servers.includes(web[5]));
      if (api.dialect === "csbs") {
        assert.equal(String((await api.policy(id)).scheduled_operations[0].operation_definition.retention_duration_days), "30");
      }
      const quiet = await stack.preview(["--expect-no-changes"]);
      assert.equal(quiet.code, 0, quiet.output);
    });

    it("keeps the password out of state and engine output, and the serialized provider small", async () => {
      assertAbsent(stack.stateFileText(), KEEPER.password, "the state file");
      for (const o of outputs) assertAbsent(o, KEEPER.password, "engine output");
      for (const text of await providerTexts(stack)) assertLoaderText(text);
    });

    it("destroys policies and associations with a token instead of a password, and keeps every backup", async () => {
      const id = String((await outputsOf(stack)).daily.id);
      await api.backUpNow(id);
      const backups = await api.backups(id);
      assert.ok(backups.length > 0, "a manual run made backups");

      const { token } = await login(cloud, KEEPER.user, KEEPER.password, "demo");
      await stack.cli(["config", "rm", "csbs:password"], { check: true });
      await stack.cli(["config", "set", "--secret", "csbs:token", token], { check: true });
      const destroy = await stack.destroy();
      assert.equal(destroy.code, 0, destroy.output);
      assertAbsent(destroy.output, token, "engine output");
      assertAbsent(stack.stateFileText(), token, "the state file");
      assert.deepEqual(await api.policies(), []);
      if (api.dialect === "karbor") {
        assert.deepEqual(await api.triggers(), [], "the policy's trigger is gone with its plan");
        assert.deepEqual(await api.operations(), [], "the policy's operation is gone with its plan");
      }
      const kept = await api.backups();
      for (const b of backups) assert.ok(kept.some((k) => k.id === b.id), `backup ${b.id} was kept`);
      assert.equal(((await stack.exportState()).deployment.resources ?? []).length, 0);
    });
  });
}
