/**
 * State written by pulumi-csbs 0.1.0 names its hooks by their file paths (`pulumi-csbs/dist/provider/hooks/*.js`)
 * in every resource's serialized provider. This stack's state is written by that exact loader text; the installed
 * package must still refresh it, update the resources and delete them, through the real engine.
 */
import * as assert from "node:assert/strict";
import { demoStackConfig, startTestCloud, type TestCloud } from "../support/cloud";
import { EngineStack } from "../support/engine";
import { CsbsDirect } from "./scenarios/csbs-direct";
import { configureStack } from "./scenarios/program";

/** The 0.1.0 loader objects, as that version's SDK wrote them, and BackupPolicies built on them. */
const LEGACY_PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const policyProvider = {
  configure: (req) => require("pulumi-csbs/dist/provider/hooks/policy-hooks.js").configure(req),
  check: (olds, news) => require("pulumi-csbs/dist/provider/hooks/policy-hooks.js").check(olds, news),
  diff: (id, olds, news) => require("pulumi-csbs/dist/provider/hooks/policy-hooks.js").diff(id, olds, news),
  create: (inputs) => require("pulumi-csbs/dist/provider/hooks/policy-hooks.js").create(inputs),
  read: (id, props) => require("pulumi-csbs/dist/provider/hooks/policy-hooks.js").read(id, props),
  update: (id, olds, news) => require("pulumi-csbs/dist/provider/hooks/policy-hooks.js").update(id, olds, news),
  delete: (id, props) => require("pulumi-csbs/dist/provider/hooks/policy-hooks.js").delete(id, props),
};
const outputs = { status: undefined, createdAt: undefined, pattern: undefined, projectId: undefined };
const schedule = { times: ["02:00"], weekdays: ["MO"] };
const kept = new pulumi.dynamic.Resource(policyProvider, "kept", { __resourceName: "kept", name: "legacy-kept", schedule, retention: { maxBackups: 7 }, ...outputs }, undefined, "csbs", "BackupPolicy");
const dropped = new pulumi.dynamic.Resource(policyProvider, "dropped", { __resourceName: "dropped", name: "legacy-dropped", schedule, retention: { maxBackups: 7 }, ...outputs }, undefined, "csbs", "BackupPolicy");
module.exports = { kept: kept.id, dropped: dropped.id };
`;

/** The same stack on today's SDK: `kept` with a new description, `dropped` no longer declared. */
const CURRENT_PROGRAM = `
const csbs = require("pulumi-csbs");
const kept = new csbs.BackupPolicy("kept", { name: "legacy-kept", description: "after the upgrade", schedule: { times: ["02:00"], weekdays: ["MO"] }, retention: { maxBackups: 7 } });
module.exports = { kept: kept.id };
`;

describe("a stack whose state was written by the 0.1.0 loader text", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let stack: EngineStack;
  let api: CsbsDirect;

  before(async () => {
    cloud = await startTestCloud();
    api = await CsbsDirect.login(cloud);
    stack = await EngineStack.create({ project: "legacy-state", files: { "index.js": LEGACY_PROGRAM } });
    const { config, secrets } = demoStackConfig(cloud);
    await configureStack(stack, config, secrets);
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  it("holds the 0.1.0 hook paths in every resource's serialized provider", async () => {
    const policies = await stack.resourcesOfType("pulumi-nodejs:dynamic/csbs:BackupPolicy");
    assert.equal(policies.length, 2);
    for (const p of policies) assert.match(String(p.inputs?.__provider), /pulumi-csbs\/dist\/provider\/hooks\/policy-hooks\.js/);
  });

  it("refreshes through the 0.1.0 text, seeing a change made in the cloud", async () => {
    const [kept] = (await api.policies()).filter((p) => p.name === "legacy-kept");
    assert.ok(kept);
    await api.call("PUT", `/policies/${kept.id}`, { policy: { description: "changed in the console" } });
    const refresh = await stack.refresh();
    assert.equal(refresh.code, 0, refresh.output);
    const state = await stack.resourcesOfType("pulumi-nodejs:dynamic/csbs:BackupPolicy");
    assert.equal(state.find((r) => r.outputs?.name === "legacy-kept")?.outputs?.description, "changed in the console");
  });

  it("updates a resource after the upgrade and deletes the one no longer declared with its 0.1.0 text", async () => {
    stack.writeProgram({ "index.js": CURRENT_PROGRAM });
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    const live = await api.policies();
    assert.deepEqual(live.map((p) => [p.name, p.description]), [["legacy-kept", "after the upgrade"]]);
  });

  it("destroys what is left", async () => {
    const destroy = await stack.destroy();
    assert.equal(destroy.code, 0, destroy.output);
    assert.deepEqual(await api.policies(), []);
  });
});
