import * as assert from "node:assert/strict";
import { EngineStack } from "../support/engine";

/**
 * The foundation's proof: the real engine, built offline, takes one dynamic resource through
 * preview → up → preview → refresh → destroy, and each outcome is read from the engine's own output or state.
 */
const program = `
const pulumi = require("@pulumi/pulumi");
const counter = {
  async check(olds, news) { return { inputs: news }; },
  async diff(id, olds, news) { return { changes: olds.greeting !== news.greeting }; },
  async create(inputs) { return { id: "greeting-1", outs: { greeting: inputs.greeting, length: inputs.greeting.length } }; },
  async read(id, props) { return { id, props }; },
  async update(id, olds, news) { return { outs: { greeting: news.greeting, length: news.greeting.length } }; },
  async delete() {},
};
const r = new pulumi.dynamic.Resource(counter, "hello", { greeting: "hello offline engine", length: undefined });
exports.length = r.length;
`;

describe("the real Pulumi engine, offline", function () {
  this.timeout(180_000);
  let stack: EngineStack;

  before(async () => {
    stack = await EngineStack.create({ project: "engine-smoke", files: { "index.js": program } });
  });
  after(() => stack?.dispose());

  it("previews one dynamic resource to create", async () => {
    const preview = await stack.previewJson();
    assert.equal(preview.result.code, 0, preview.result.output);
    const creates = (preview.steps ?? []).filter((s) => s.op === "create").map((s) => s.urn);
    assert.ok(creates.some((u) => u.endsWith("pulumi-nodejs:dynamic:Resource::hello")), creates.join("\n"));
  });

  it("creates it with up and records its outputs in state", async () => {
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    assert.deepEqual(await stack.outputs(), { length: "hello offline engine".length });
    const [res] = await stack.resourcesOfType("pulumi-nodejs:dynamic:Resource");
    assert.equal(res.id, "greeting-1");
  });

  it("reports no changes on a second preview", async () => {
    const again = await stack.preview(["--expect-no-changes"]);
    assert.equal(again.code, 0, again.output);
  });

  it("refreshes without drift", async () => {
    const refresh = await stack.refresh(["--expect-no-changes"]);
    assert.equal(refresh.code, 0, refresh.output);
  });

  it("destroys it and leaves an empty stack", async () => {
    const destroy = await stack.destroy();
    assert.equal(destroy.code, 0, destroy.output);
    const state = await stack.exportState();
    assert.equal((state.deployment.resources ?? []).length, 0);
  });
});
