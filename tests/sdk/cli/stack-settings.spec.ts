import * as assert from "node:assert/strict";
import { demoStackConfig } from "../../support/cloud";
import { EngineStack } from "../../support/engine";
import { setConfig } from "../../examples/example-stack";
import { createPolicy } from "../../localcloud/csbs/support/csbs-session";
import { lookupCloudPerTest } from "../lookup-cloud";
import { pulumiCsbs } from "./cli-run";

describe("pulumi-csbs --stack", function () {
  this.timeout(180_000);
  const ctx = lookupCloudPerTest();
  let stack: EngineStack | undefined;
  afterEach(() => stack?.dispose());

  it("reads the stack's csbs:* config (the password a secret) through the Pulumi CLI, with no OS_* variable set", async () => {
    await createPolicy(ctx.demo, { name: "nightly", servers: ["web-000"] });
    stack = await EngineStack.create({ project: "csbs-day2", files: { "index.js": "module.exports = {};\n" } });
    const { config, secrets } = demoStackConfig(ctx.cloud);
    await setConfig(stack, config, secrets);
    const env = Object.fromEntries(Object.entries(stack.env()).filter(([k]) => !k.startsWith("OS_")));
    const r = await pulumiCsbs(["--stack", stack.stack, "status", "--policy", "nightly", "--json"], env, stack.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).map((row: { serverName: string; policyName: string }) => [row.serverName, row.policyName]), [["web-000", "nightly"]]);
  });

  it("names the stack and the fix when the Pulumi CLI cannot read it", async () => {
    stack = await EngineStack.create({ project: "csbs-day2", files: { "index.js": "module.exports = {};\n" } });
    const r = await pulumiCsbs(["--stack", "no-such-stack", "status"], stack.env(), stack.dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--stack no-such-stack: `pulumi config --stack no-such-stack` failed: .*run the command in the Pulumi project's directory/s);
  });
});
