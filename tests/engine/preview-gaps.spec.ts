/**
 * What the preview promises to catch, caught: every invalid resource of a program in one preview, an association
 * whose literal policyId names no policy, an adopted policy's own servers; and a destroy that removes servers
 * another stack added is said out loud.
 */
import * as assert from "node:assert/strict";
import { startTestCloud, demoStackConfig, type TestCloud } from "../support/cloud";
import { EngineStack } from "../support/engine";
import { CsbsDirect } from "./scenarios/csbs-direct";
import { BASIC_SCHEDULE, configureStack, outputsOf, programFiles, webServers, type ProgramSpec } from "./scenarios/program";

/** A program of one association with a literal policy id (as a stack that does not own the policy writes it). */
function associationProgram(policyId: string, serverIds: string[]): Record<string, string> {
  return {
    "index.js": `
const csbs = require("pulumi-csbs");
const a = new csbs.PolicyAssociation("theirs", { policyId: ${JSON.stringify(policyId)}, serverIds: ${JSON.stringify(serverIds)} });
module.exports = { id: a.id };
`,
  };
}

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe("preview gaps closed (through the engine)", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let api: CsbsDirect;
  const stacks: EngineStack[] = [];

  before(async () => {
    cloud = await startTestCloud();
    api = await CsbsDirect.login(cloud);
  });
  after(async () => {
    for (const s of stacks) s.dispose();
    await cloud?.close();
  });

  async function stackOf(project: string, files: Record<string, string>): Promise<EngineStack> {
    const stack = await EngineStack.create({ project, files });
    stacks.push(stack);
    const { config, secrets } = demoStackConfig(cloud);
    await configureStack(stack, config, secrets);
    return stack;
  }

  it("reports every invalid resource of the program in one preview, each problem once", async () => {
    const [server] = webServers(cloud, 1, 10);
    const spec: ProgramSpec = {
      policies: [
        { resource: "bad-time", args: { schedule: { times: ["24:00"] }, retention: { maxBackups: 7 } } },
        { resource: "bad-retention", args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 0 } }, associations: [{ resource: "bad-servers", serverIds: [server, "not-a-uuid"] }] },
        { resource: "misspelt", args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 }, retenton: { maxBackups: 3 } } },
        { resource: "fine", args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 } } },
      ],
    };
    const stack = await stackOf("all-at-once", programFiles(spec));
    const preview = await stack.preview();
    assert.notEqual(preview.code, 0, preview.output);
    for (const problem of ['`schedule.times[0]` is "24:00"', "`retention.maxBackups` is 0", '`serverIds[1]` is "not-a-uuid"', "`retenton` is not an input of BackupPolicy"]) {
      assert.equal(occurrences(preview.output, problem), 1, `${problem} once:\n${preview.output}`);
    }
    assert.deepEqual(await api.policies(), []);
  });

  it("fails the preview of an association whose literal policyId names no policy, naming the id", async () => {
    const missing = "0b7e8c1e-52b5-4d0b-9d0e-5a3f7c1d2e4f";
    const stack = await stackOf("no-such-policy", associationProgram(missing, webServers(cloud, 1, 20)));
    const preview = await stack.preview();
    assert.notEqual(preview.code, 0, preview.output);
    assert.match(preview.output, new RegExp(`\`policyId\` is "${missing}": no backup policy with this id exists in the project`));
  });

  it("adopts a policy together with an association of the servers it already holds, in one preview and one up", async () => {
    const held = webServers(cloud, 2, 30);
    const legacy = await api.createPolicy("legacy-nightly", held);
    const spec: ProgramSpec = {
      policies: [{
        resource: "legacy", args: { name: "legacy-nightly", adopt: true, schedule: { times: ["03:00"], weekdays: ["SU"] }, retention: { maxBackups: 3 } },
        associations: [{ resource: "legacy-servers", serverIds: held }],
      }],
    };
    const stack = await stackOf("adopt-with-servers", programFiles(spec));
    const preview = await stack.preview();
    assert.equal(preview.code, 0, preview.output);
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    assert.equal((await outputsOf(stack)).legacy.id, legacy.id);
    assert.deepEqual((await api.summary(legacy.id)).servers, [...held].sort());
    assert.equal((await stack.destroy()).code, 0);
  });

  it("warns, naming the servers, when a destroy deletes a policy that holds servers another stack added", async () => {
    const [mine, theirs] = webServers(cloud, 2, 40);
    const owner = await stackOf("owner", programFiles({ policies: [{ resource: "shared", args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 } }, associations: [{ resource: "mine", serverIds: [mine] }] }] }));
    assert.equal((await owner.up()).code, 0);
    const policyId = String((await outputsOf(owner)).shared.id);
    const other = await stackOf("other", associationProgram(policyId, [theirs]));
    const added = await other.up();
    assert.equal(added.code, 0, added.output);

    const destroy = await owner.destroy();
    assert.equal(destroy.code, 0, destroy.output);
    assert.match(destroy.output, new RegExp(`warning: [^\\n]*which still holds 1 server that no association of this stack added: web-041 \\(${theirs}\\)`));
    assert.doesNotMatch(destroy.output, new RegExp(`web-040 \\(${mine}\\)`), "the stack's own server is not foreign");
  });
});
