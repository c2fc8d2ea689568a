import * as assert from "node:assert/strict";
import type { TestCloud } from "../../support/cloud";
import type { EngineStack } from "../../support/engine";
import type { Dialect, ScenarioApi } from "./dialect";
import { BASIC_SCHEDULE, outputsOf, scenarioStack, setProgram, webServers, type ProgramSpec } from "./program";

/** The project's policy quota as each API has it: CSBS a fixed 32, Karbor its quotas API (set lower to keep the test quick). */
const POLICY_QUOTA = { csbs: 32, karbor: 10 } as const;

/** Acceptance 3-6: a pull-request preview fails on everything the service would refuse, naming what and why. */
export function describePreviewRules(d: Dialect): void {
  describe("previews that fail before anything is created", function () {
    this.timeout(300_000);
    let cloud: TestCloud;
    let api: ScenarioApi;
    const stacks: EngineStack[] = [];

    before(async () => {
      cloud = await d.startCloud();
      api = await d.login(cloud);
    });
    after(async () => {
      for (const s of stacks) s.dispose();
      await cloud?.close();
    });

    async function stackOf(project: string, spec: ProgramSpec): Promise<EngineStack> {
      const stack = await scenarioStack(cloud, `${d.api}-${project}`, spec, { api: d.api });
      stacks.push(stack);
      return stack;
    }

    it("fails a preview with 65 servers over two associations of one policy, naming both associations", async () => {
      const web = webServers(cloud, 65);
      const stack = await stackOf("sixty-five", { policies: [{
        resource: "fleet", args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 } },
        associations: [{ resource: "fleet-a", serverIds: web.slice(0, 33) }, { resource: "fleet-b", serverIds: web.slice(33) }],
      }] });
      const preview = await stack.preview();
      assert.notEqual(preview.code, 0, preview.output);
      assert.match(preview.output, /would hold 65 servers/);
      assert.match(preview.output, /association "fleet-a" lists 33/);
      assert.match(preview.output, /association "fleet-b" lists 32/);
      assert.match(preview.output, /at most 64 servers/);
      assert.deepEqual(await api.policies(), []);
    });

    const quota = POLICY_QUOTA[d.api];
    it(`fails a preview that would bring a project with ${quota - 1} policies to ${quota + 1} (a quota of ${quota}), before anything is created`, async () => {
      if (api.dialect === "karbor") await api.setPlanQuota(quota);
      const outside = [];
      for (let i = 0; i < quota - 1; i++) outside.push(await api.createPolicy(`outside-${i}`));
      try {
        const stack = await stackOf("quota", { policies: [
          { resource: "first", args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 } } },
          { resource: "second", args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 } } },
        ] });
        const preview = await stack.preview();
        assert.notEqual(preview.code, 0, preview.output);
        assert.match(preview.output, new RegExp(`${quota - 1} policies outside this stack; this deployment adds 2`));
        assert.match(preview.output, new RegExp(`the limit is ${quota} per project`));
        // On Karbor the quota is the quotas API's, never CSBS's fixed 32.
        if (api.dialect === "karbor") assert.doesNotMatch(preview.output, /\b32\b/);
        assert.equal((await api.policies()).length, quota - 1);
      } finally {
        for (const p of outside) await api.deletePolicy(p.id);
      }
    });

    it("fails a preview claiming a server held by a policy outside the stack, and moves it with takeOver", async () => {
      const [held, free] = webServers(cloud, 2, 70);
      const other = await api.createPolicy("held-elsewhere", [held]);
      const spec = (takeOver: boolean): ProgramSpec => ({ policies: [{
        resource: "claim", args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 } },
        associations: [{ resource: "claim-servers", serverIds: [held, free], takeOver }],
      }] });
      const stack = await stackOf("take-over", spec(false));
      const preview = await stack.preview();
      assert.notEqual(preview.code, 0, preview.output);
      assert.match(preview.output, /already in policy "held-elsewhere"/);
      assert.match(preview.output, /takeOver: true/);

      setProgram(stack, spec(true));
      const up = await stack.up();
      assert.equal(up.code, 0, up.output);
      assert.deepEqual((await api.summary(other.id)).servers, []);
      const outs = await outputsOf(stack);
      assert.deepEqual((await api.summary(String(outs.claim.id))).servers, [held, free].sort());
      assert.equal((await stack.destroy()).code, 0);
      await api.deletePolicy(other.id);
    });

    it("fails previews of invalid schedules with every problem of a resource, its path and its fix", async () => {
      const program = (schedule: Record<string, unknown>): ProgramSpec => ({ policies: [{ resource: "bad", args: { schedule, retention: { maxBackups: 7 } } }] });
      const cases: Array<[string, Record<string, unknown>, RegExp[]]> = [
        ["25 times", { times: Array.from({ length: 25 }, (_, i) => `${String(Math.floor(i / 2) + 1).padStart(2, "0")}:${i % 2 ? "30" : "00"}`) }, [/`schedule\.times` has 25 times: a policy runs at most 24 times a day; remove 1/]],
        ["23:30 and 00:10", { times: ["23:30", "00:10"] }, [/`schedule\.times` "23:30" and "00:10" are 40 minutes apart[^\n]*at least 1 hour apart/]],
        ["everyNDays 31", { times: ["02:00"], everyNDays: 31 }, [/`schedule\.everyNDays` is 31:[^\n]*30/]],
        ["24:00", { times: ["24:00"] }, [/`schedule\.times\[0\]` is "24:00"[^\n]*00:00/]],
        ["weekdays and everyNDays", { times: ["02:00"], weekdays: ["MO"], everyNDays: 2 }, [/`schedule[^`]*`[^\n]*weekdays[^\n]*everyNDays/]],
        ["several problems at once", { times: ["24:00", "02:00"], everyNDays: 31, weekdays: ["XX"] }, [/`schedule\.times\[0\]` is "24:00"/, /`schedule\.everyNDays` is 31/, /`schedule\.weekdays\[0\]` is "XX"/]],
      ];
      const stack = await stackOf("bad-schedules", program({ times: ["02:00"] }));
      for (const [label, schedule, expected] of cases) {
        setProgram(stack, program(schedule));
        const preview = await stack.preview();
        assert.notEqual(preview.code, 0, `${label}: ${preview.output}`);
        for (const re of expected) assert.match(preview.output, re, label);
      }
      assert.deepEqual(await api.policies(), []);
    });
  });
}
