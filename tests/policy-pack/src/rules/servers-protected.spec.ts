import * as assert from "node:assert/strict";
import { serverIds } from "../../../examples/cloud-api";
import { osEnv } from "../../../examples/example-stack";
import { cloudPerSuite } from "../../../localcloud/cloud-per-suite";
import { EngineStack } from "../../../support/engine";
import { previewWithPack } from "../../pack-support";

/**
 * "Every prod server is protected", read from the local cloud at preview through the real engine and provider:
 * the default fixtures tag web-000..002, db-0 and db-1 `prod`; the stack associates all but db-1.
 */
const program = `
const csbs = require("pulumi-csbs");
const spec = require("./spec.json");
const policy = new csbs.BackupPolicy("prod", { schedule: { times: ["01:00"] }, retention: { maxBackups: 7 } });
new csbs.PolicyAssociation("prod-servers", spec.selector ? { policyId: policy.id, serverSelector: spec.selector } : { policyId: policy.id, serverIds: spec.serverIds });
`;
const CONFIG = { "csbs-servers-protected": { enforcementLevel: "mandatory", selector: { tags: ["prod"] } } };

describe("policy pack: csbs-servers-protected", function () {
  this.timeout(300_000);
  const ctx = cloudPerSuite();
  let stack: EngineStack;
  let ids: string[];

  before(async () => {
    ids = await serverIds(ctx.cloud, ["web-000", "web-001", "web-002", "db-0", "db-1"]);
    stack = await EngineStack.create({
      project: "pack-servers-protected",
      files: { "index.js": program, "spec.json": JSON.stringify({ serverIds: ids.slice(0, 4) }) },
      env: osEnv(ctx.cloud),
    });
  });
  after(() => stack?.dispose());

  it("fails the preview naming the prod server that no policy protects", async () => {
    const preview = await previewWithPack(stack, CONFIG);
    assert.notEqual(preview.code, 0, preview.output);
    assert.match(preview.output, /\[mandatory\]\s+csbs-servers-protected/);
    assert.equal(preview.output.match(/matches the selector/g)?.length, 1, preview.output);
    assert.match(
      preview.output,
      new RegExp(`server "db-1" \\(${ids[4]}\\) matches the selector tags \\["prod"\\] but no backup policy protects it: .*add "${ids[4]}" to the serverIds of a PolicyAssociation`),
    );
    assert.doesNotMatch(preview.output, /server "(web-00[0-2]|db-0)" .* matches the selector/);
  });

  it("passes once the stack associates it too", async () => {
    stack.writeProgram({ "index.js": program, "spec.json": JSON.stringify({ serverIds: ids }) });
    const preview = await previewWithPack(stack, CONFIG);
    assert.equal(preview.code, 0, preview.output);
    assert.doesNotMatch(preview.output, /csbs-servers-protected/);
  });

  it("passes when the association chooses the servers by the same tag (the provider resolves the selector at check)", async () => {
    stack.writeProgram({ "index.js": program, "spec.json": JSON.stringify({ selector: { tags: ["prod"] } }) });
    const preview = await previewWithPack(stack, CONFIG);
    assert.equal(preview.code, 0, preview.output);
    assert.doesNotMatch(preview.output, /csbs-servers-protected/);
  });
});
