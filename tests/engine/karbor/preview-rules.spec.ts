import * as assert from "node:assert/strict";
import { login } from "../../support/cloud";
import { BASIC_SCHEDULE, setProgram, webServers, type ProgramSpec } from "../provider/scenario-support";
import { EngineStack, KarborDirect, karborStack, startKarborTestCloud, type TestCloud } from "./karbor-scenario-support";

/** Acceptance 3-6 with csbs:api = karbor: the preview fails on everything that would be refused, naming what and why. */
describe("previews that fail before anything is created, on Karbor", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let api: KarborDirect;
  const stacks: EngineStack[] = [];

  before(async () => {
    cloud = await startKarborTestCloud();
    api = await KarborDirect.login(cloud);
  });
  after(async () => {
    for (const s of stacks) s.dispose();
    await cloud?.close();
  });

  async function stackOf(project: string, spec: ProgramSpec): Promise<EngineStack> {
    const stack = await karborStack(cloud, project, spec);
    stacks.push(stack);
    return stack;
  }

  it("fails a preview with 65 servers over two associations of one policy, naming both associations", async () => {
    const web = webServers(cloud, 65);
    const stack = await stackOf("k-sixty-five", { policies: [{
      resource: "fleet", args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 } },
      associations: [{ resource: "fleet-a", serverIds: web.slice(0, 33) }, { resource: "fleet-b", serverIds: web.slice(33) }],
    }] });
    const preview = await stack.preview();
    assert.notEqual(preview.code, 0, preview.output);
    assert.match(preview.output, /fleet-a\W{0,2} lists 33/);
    assert.match(preview.output, /fleet-b\W{0,2} lists 32/);
    assert.match(preview.output, /at most 64 servers/);
    assert.deepEqual(await api.plans(), []);
  });

  it("takes the plan quota from Karbor's quotas API: 9 plans outside the stack, a quota of 10, 2 new fails", async () => {
    const { token } = await login(cloud, "admin", "admin", "demo");
    const res = await fetch(`${api.base}/quotas/${api.projectId}`, {
      method: "PUT", headers: { "x-auth-token": token, "content-type": "application/json" }, body: JSON.stringify({ quota: { plans: 10 } }),
    });
    assert.equal(res.status, 200, await res.text());
    const outside = [];
    for (let i = 0; i < 9; i++) outside.push(await api.createPolicy(`outside-${i}`, []));
    try {
      const stack = await stackOf("k-quota", { policies: [
        { resource: "first", args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 } } },
        { resource: "second", args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 } } },
      ] });
      const preview = await stack.preview();
      assert.notEqual(preview.code, 0, preview.output);
      // The quota is Karbor's (10 here), not CSBS's fixed 32; the wording of the message belongs to the hooks.
      assert.match(preview.output, /9 policies outside this stack/);
      assert.match(preview.output, /\b10 (policies|per project)/);
      assert.doesNotMatch(preview.output, /\b32\b/);
      assert.equal((await api.plans()).length, 9);
    } finally {
      for (const p of outside) await api.deletePlan(p.id);
    }
  });

  it("fails a preview claiming a server held by a plan outside the stack, and moves it with takeOver", async () => {
    const [held, free] = webServers(cloud, 2, 70);
    const other = await api.createPolicy("held-elsewhere", [held]);
    const spec = (takeOver: boolean): ProgramSpec => ({ policies: [{
      resource: "claim", args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 } },
      associations: [{ resource: "claim-servers", serverIds: [held, free], takeOver }],
    }] });
    const stack = await stackOf("k-take-over", spec(false));
    const preview = await stack.preview();
    assert.notEqual(preview.code, 0, preview.output);
    assert.match(preview.output, /already in policy "held-elsewhere"/);
    assert.match(preview.output, /takeOver: true/);

    setProgram(stack, spec(true));
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    assert.deepEqual((await api.policy(other.id)).servers, []);
    const outs = (await stack.outputs()) as Record<string, Record<string, unknown>>;
    assert.deepEqual((await api.policy(String(outs.claim.id))).servers, [held, free].sort());
    assert.equal((await stack.destroy()).code, 0);
    await api.deletePlan(other.id);
  });

  it("fails previews of invalid schedules with every problem of a resource, its path and its fix", async () => {
    const program = (schedule: Record<string, unknown>): ProgramSpec => ({ policies: [{ resource: "bad", args: { schedule, retention: { maxBackups: 7 } } }] });
    const cases: Array<[string, Record<string, unknown>, RegExp[]]> = [
      ["25 times", { times: Array.from({ length: 25 }, (_, i) => `${String(Math.floor(i / 2) + 1).padStart(2, "0")}:${i % 2 ? "30" : "00"}`) }, [/`schedule\.times` has 25 times/]],
      ["23:30 and 00:10", { times: ["23:30", "00:10"] }, [/"23:30" and "00:10" are 40 minutes apart/]],
      ["everyNDays 31", { times: ["02:00"], everyNDays: 31 }, [/`schedule\.everyNDays` is 31/]],
      ["24:00", { times: ["24:00"] }, [/`schedule\.times\[0\]` is "24:00"/]],
      ["weekdays and everyNDays", { times: ["02:00"], weekdays: ["MO"], everyNDays: 2 }, [/weekdays[^\n]*everyNDays/]],
    ];
    const stack = await stackOf("k-bad-schedules", program({ times: ["02:00"] }));
    for (const [label, schedule, expected] of cases) {
      setProgram(stack, program(schedule));
      const preview = await stack.preview();
      assert.notEqual(preview.code, 0, `${label}: ${preview.output}`);
      for (const re of expected) assert.match(preview.output, re, label);
    }
    assert.deepEqual(await api.plans(), []);
  });
});
