import * as assert from "node:assert/strict";
import type { TestCloud } from "../../support/cloud";
import type { EngineStack } from "../../support/engine";
import type { Dialect, ScenarioApi } from "./dialect";
import { BASIC_SCHEDULE, outputsOf, scenarioStack, setProgram, webServers, type ProgramSpec } from "./program";

/**
 * Eight associations of one policy written at the engine's default parallelism: the per-policy lock and the
 * verified read-modify-write keep every association's servers, on create, on change and on delete.
 */
export function describeSharedPolicy(d: Dialect): void {
  describe("many associations of one policy in one deployment", function () {
    this.timeout(300_000);
    let cloud: TestCloud;
    let stack: EngineStack;
    let api: ScenarioApi;
    let web: string[];

    const program = (perAssociation: number, count: number): ProgramSpec => ({
      policies: [{
        resource: "shared",
        args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 } },
        associations: Array.from({ length: count }, (_, i) => ({ resource: `part-${i}`, serverIds: web.slice(i * 8, i * 8 + perAssociation) })),
      }],
    });
    /** The first `perAssociation` servers of each of the first `count` associations. */
    const kept = (perAssociation: number, count: number) => Array.from({ length: count }, (_, i) => web.slice(i * 8, i * 8 + perAssociation)).flat().sort();

    async function upAndReadServers(): Promise<string[]> {
      const up = await stack.up();
      assert.equal(up.code, 0, up.output);
      return (await api.summary(String((await outputsOf(stack)).shared.id))).servers;
    }

    before(async () => {
      cloud = await d.startCloud();
      api = await d.login(cloud);
      web = webServers(cloud, 64);
      stack = await scenarioStack(cloud, `${d.api}-shared-policy`, program(8, 8), { api: d.api });
    });
    after(async () => {
      stack?.dispose();
      await cloud?.close();
    });

    it("creates eight associations of 8 servers and the policy holds all 64", async () => {
      assert.deepEqual(await upAndReadServers(), [...web].sort());
    });

    it("shrinks every association at once and removes exactly the dropped servers", async () => {
      setProgram(stack, program(5, 8));
      assert.deepEqual(await upAndReadServers(), kept(5, 8));
    });

    it("deletes half of the associations and keeps the other half's servers", async () => {
      setProgram(stack, program(5, 4));
      assert.deepEqual(await upAndReadServers(), kept(5, 4));
    });
  });
}
