import * as assert from "node:assert/strict";
import { demoStackConfig, login, startTestCloud, type TestCloud } from "../../support/cloud";
import { EngineStack } from "../../support/engine";
import { KEEPER, type Dialect } from "./dialect";
import { BASIC_SCHEDULE, configureStack, programFiles, type ProgramSpec } from "./program";
import { assertAbsent, assertLoaderText, providerTexts } from "./secret-leaks";

/**
 * Acceptance 10 on a project of its own: no password or token in state or engine output through refresh and
 * destroy, and a serialized provider that stays the same small text however large the program grows.
 */
export function describeSecretsAndLoader(d: Dialect): void {
  describe("state holds no secret and a provider text that does not grow", function () {
    this.timeout(300_000);
    let cloud: TestCloud;
    let stack: EngineStack;
    let servers: string[];
    const outputs: string[] = [];

    const small = (): ProgramSpec => ({
      policies: [{ resource: "one", args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 3 } }, associations: [{ resource: "one-servers", serverIds: [servers[0]] }] }],
    });

    function large(): ProgramSpec {
      const more = Array.from({ length: 3 }, (_, i) => ({
        resource: `p${i}`,
        args: { description: "x".repeat(200), schedule: BASIC_SCHEDULE, retention: { maxBackups: 3 }, tags: { n: String(i) } },
        associations: [{ resource: `p${i}-servers`, serverIds: servers.slice(1 + i * 3, 4 + i * 3) }],
      }));
      return { policies: [...small().policies, ...more] };
    }

    before(async () => {
      cloud = await startTestCloud({
        fixtures: {
          projects: [{
            name: "vault",
            api: d.api,
            users: [{ name: KEEPER.user, password: KEEPER.password, roles: ["member"] }],
            servers: Array.from({ length: 12 }, (_, i) => ({ name: `app-${i}` })),
          }],
        },
      });
      servers = cloud.fixtures.projects[0].servers.map((s) => s.id);
      stack = await EngineStack.create({ project: `${d.api}-secrets`, files: programFiles(small()) });
      const { config } = demoStackConfig(cloud, KEEPER.user, "vault");
      await configureStack(stack, { ...config, ...(d.api === "karbor" ? { "csbs:api": "karbor" } : {}) }, { "csbs:password": KEEPER.password });
    });
    after(async () => {
      stack?.dispose();
      await cloud?.close();
    });

    it("keeps the password out of state and engine output with password auth", async () => {
      const up = await stack.up();
      assert.equal(up.code, 0, up.output);
      outputs.push(up.output, (await stack.refresh()).output);
      assertAbsent(stack.stateFileText(), KEEPER.password, "the state file");
      for (const o of outputs) assertAbsent(o, KEEPER.password, "engine output");
    });

    it("serializes the same small provider text for a program four times larger", async () => {
      const before = await providerTexts(stack);
      assert.ok(before.length >= 2);
      stack.writeProgram(programFiles(large()));
      const up = await stack.up();
      assert.equal(up.code, 0, up.output);
      outputs.push(up.output);
      const after = await providerTexts(stack);
      assert.equal(after.length, 8);
      const distinct = new Set([...before, ...after]);
      assert.equal(distinct.size, 2, "one text per resource type");
      for (const text of distinct) assertLoaderText(text);
    });

    it("keeps a token out of state and engine output with token auth, through refresh and destroy", async () => {
      const { token } = await login(cloud, KEEPER.user, KEEPER.password, "vault");
      await stack.cli(["config", "rm", "csbs:password"], { check: true });
      await stack.cli(["config", "set", "--secret", "csbs:token", token], { check: true });
      const refresh = await stack.refresh();
      assert.equal(refresh.code, 0, refresh.output);
      const destroy = await stack.destroy();
      assert.equal(destroy.code, 0, destroy.output);
      outputs.push(refresh.output, destroy.output);
      const state = stack.stateFileText();
      assertAbsent(state, token, "the state file");
      assertAbsent(state, KEEPER.password, "the state file");
      for (const o of outputs) {
        assertAbsent(o, token, "engine output");
        assertAbsent(o, KEEPER.password, "engine output");
      }
    });
  });
}
