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
 * Eight associations of one policy written at the engine's default parallelism: the per-policy lock and the
 * verified read-modify-write keep every association's servers, on create, on change and on delete.
 */
describe("many associations of one policy in one deployment", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let stack: EngineStack;
  let api: CsbsDirect;
  let web: string[];

  const program = (perAssociation: number, count: number): ProgramSpec => ({
    policies: [
      {
        resource: "shared",
        args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 } },
        associations: Array.from({ length: count }, (_, i) => ({
          resource: `part-${i}`,
          serverIds: web.slice(i * 8, i * 8 + perAssociation),
        })),
      },
    ],
  });

  before(async () => {
    cloud = await startTestCloud();
    api = await CsbsDirect.login(cloud);
    web = webServers(cloud, 64);
    stack = await scenarioStack(cloud, "shared-policy", program(8, 8));
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  it("creates eight associations of 8 servers and the policy holds all 64", async () => {
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    const outs = (await stack.outputs()) as Record<string, Record<string, unknown>>;
    assert.deepEqual(liveServers(await api.policy(String(outs.shared.id))), [...web].sort());
  });

  it("shrinks every association at once and removes exactly the dropped servers", async () => {
    setProgram(stack, program(5, 8));
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    const outs = (await stack.outputs()) as Record<string, Record<string, unknown>>;
    const kept = Array.from({ length: 8 }, (_, i) => web.slice(i * 8, i * 8 + 5)).flat();
    assert.deepEqual(liveServers(await api.policy(String(outs.shared.id))), kept.sort());
  });

  it("deletes half of the associations and keeps the other half's servers", async () => {
    setProgram(stack, program(5, 4));
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    const outs = (await stack.outputs()) as Record<string, Record<string, unknown>>;
    const kept = Array.from({ length: 4 }, (_, i) => web.slice(i * 8, i * 8 + 5)).flat();
    assert.deepEqual(liveServers(await api.policy(String(outs.shared.id))), kept.sort());
  });
});
