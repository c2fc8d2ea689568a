/**
 * Older state holds a provider serialized method by method, each method requiring the hooks: 0.1.0 by their file
 * paths (`pulumi-csbs/dist/provider/hooks/*.js`), later versions by the `exports` subpaths
 * `pulumi-csbs/provider/*-hooks`, before the SDK handed Pulumi a loader module. Each stack here is written by one
 * of those exact loader texts; the installed package must still refresh it, update the resources and delete them,
 * through the real engine.
 */
import * as assert from "node:assert/strict";
import { demoStackConfig, startTestCloud, type TestCloud } from "../support/cloud";
import { EngineStack } from "../support/engine";
import { CsbsDirect } from "./scenarios/csbs-direct";
import { configureStack } from "./scenarios/program";
import { assertLoaderText } from "./scenarios/secret-leaks";

/** The provider methods an older SDK serialized, with their parameters. */
const LOADER_METHODS = [
  ["configure", "req"],
  ["check", "olds, news"],
  ["diff", "id, olds, news"],
  ["create", "inputs"],
  ["read", "id, props"],
  ["update", "id, olds, news"],
  ["delete", "id, props"],
] as const;

/** The loader text of an older SDK: the policy provider as an object whose methods require `hooks`. */
function legacyProgram(hooks: string): string {
  const lines = LOADER_METHODS.map(([method, params]) => `  ${method}: (${params}) => require(${JSON.stringify(hooks)}).${method}(${params}),`);
  return `
const pulumi = require("@pulumi/pulumi");
const policyProvider = {
${lines.join("\n")}
};
const outputs = { status: undefined, createdAt: undefined, pattern: undefined, projectId: undefined };
const schedule = { times: ["02:00"], weekdays: ["MO"] };
const kept = new pulumi.dynamic.Resource(policyProvider, "kept", { __resourceName: "kept", name: "legacy-kept", schedule, retention: { maxBackups: 7 }, ...outputs }, undefined, "csbs", "BackupPolicy");
const dropped = new pulumi.dynamic.Resource(policyProvider, "dropped", { __resourceName: "dropped", name: "legacy-dropped", schedule, retention: { maxBackups: 7 }, ...outputs }, undefined, "csbs", "BackupPolicy");
module.exports = { kept: kept.id, dropped: dropped.id };
`;
}

const LEGACY_TEXTS = [
  { version: "0.1.0", hooks: "pulumi-csbs/dist/provider/hooks/policy-hooks.js" },
  { version: "exports-subpath", hooks: "pulumi-csbs/provider/policy-hooks" },
];

/** The same stack on today's SDK: `kept` with a new description, `dropped` no longer declared. */
const CURRENT_PROGRAM = `
const csbs = require("pulumi-csbs");
const kept = new csbs.BackupPolicy("kept", { name: "legacy-kept", description: "after the upgrade", schedule: { times: ["02:00"], weekdays: ["MO"] }, retention: { maxBackups: 7 } });
module.exports = { kept: kept.id };
`;

for (const legacy of LEGACY_TEXTS) {
  describe(`a stack whose state was written by the ${legacy.version} loader text`, function () {
    this.timeout(300_000);
    let cloud: TestCloud;
    let stack: EngineStack;
    let api: CsbsDirect;

    before(async () => {
      cloud = await startTestCloud();
      api = await CsbsDirect.login(cloud);
      stack = await EngineStack.create({ project: "legacy-state", files: { "index.js": legacyProgram(legacy.hooks) } });
      const { config, secrets } = demoStackConfig(cloud);
      await configureStack(stack, config, secrets);
      const up = await stack.up();
      assert.equal(up.code, 0, up.output);
    });
    after(async () => {
      stack?.dispose();
      await cloud?.close();
    });

    it(`holds the ${legacy.version} hook paths in every resource's serialized provider`, async () => {
      const policies = await stack.resourcesOfType("pulumi-nodejs:dynamic/csbs:BackupPolicy");
      assert.equal(policies.length, 2);
      for (const p of policies) assert.ok(String(p.inputs?.__provider).includes(`require("${legacy.hooks}")`), String(p.inputs?.__provider));
    });

    it(`refreshes through the ${legacy.version} text, seeing a change made in the cloud`, async () => {
      const [kept] = (await api.policies()).filter((p) => p.name === "legacy-kept");
      assert.ok(kept);
      await api.call("PUT", `/policies/${kept.id}`, { policy: { description: "changed in the console" } });
      const refresh = await stack.refresh();
      assert.equal(refresh.code, 0, refresh.output);
      const state = await stack.resourcesOfType("pulumi-nodejs:dynamic/csbs:BackupPolicy");
      assert.equal(state.find((r) => r.outputs?.name === "legacy-kept")?.outputs?.description, "changed in the console");
    });

    it(`updates a resource after the upgrade and deletes the one no longer declared with its ${legacy.version} text`, async () => {
      stack.writeProgram({ "index.js": CURRENT_PROGRAM });
      const up = await stack.up();
      assert.equal(up.code, 0, up.output);
      const live = await api.policies();
      assert.deepEqual(live.map((p) => [p.name, p.description]), [["legacy-kept", "after the upgrade"]]);
      // The updated resource now holds today's loader text, in its inputs and its outputs.
      const [kept] = await stack.resourcesOfType("pulumi-nodejs:dynamic/csbs:BackupPolicy");
      for (const text of [kept?.inputs?.__provider, kept?.outputs?.__provider]) assertLoaderText(String(text));
    });

    it("destroys what is left", async () => {
      const destroy = await stack.destroy();
      assert.equal(destroy.code, 0, destroy.output);
      assert.deepEqual(await api.policies(), []);
    });
  });
}
