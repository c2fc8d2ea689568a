import * as assert from "node:assert/strict";
import { EngineStack } from "../../support/engine";
import { ANY_RULE, levels, previewWithPack, violationsOf } from "../pack-support";

/**
 * The three stack rules through the real engine, on one stack, in one preview each. The resources carry this
 * package's type tokens but come from a permissive stand-in provider: with pulumi-csbs's own SDK and provider the
 * program reports these violations itself and the engine ends the preview at the first check failure, before the
 * stack rules run (tests/engine/stack-rules.spec.ts), so the pack's own report shows where our check is not in
 * the way. The pack recognises resources by type token alone, which is what this shows too.
 */
const program = `
const pulumi = require("@pulumi/pulumi");
const spec = require("./spec.json");
const standIn = {
  async create(inputs) { return { id: inputs.id || "id-" + inputs.key, outs: inputs }; },
};
const policies = {};
for (const name of spec.policies) {
  policies[name] = new pulumi.dynamic.Resource(standIn, name, { key: name, name: name + "-x" }, {}, "csbs", "BackupPolicy");
}
// A resource whose id is only known after it is created: its output is unknown in the preview.
const server = new pulumi.dynamic.Resource(standIn, "late-server", { key: "late", id: undefined }, {}, "fleet", "Server");
for (const a of spec.associations) {
  const serverIds = a.lateServer ? [server.id] : a.servers;
  new pulumi.dynamic.Resource(standIn, a.name, { key: a.name, policyId: policies[a.policy].id, serverIds }, {}, "csbs", "PolicyAssociation");
}
`;

const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `00000000-0000-4000-8000-${String(from + i).padStart(12, "0")}`);
const STACK_RULES = ["csbs-server-in-one-policy", "csbs-servers-per-policy", "csbs-policies-per-project"];

const breaking = {
  policies: Array.from({ length: 33 }, (_, i) => `p${i + 1}`),
  associations: [
    { name: "web-a", policy: "p1", servers: ids(1, 40) },
    { name: "web-b", policy: "p1", servers: ids(41, 70) },
    { name: "db", policy: "p2", servers: ids(1, 1) },
    { name: "cache", policy: "p3", servers: ids(2, 2) },
  ],
};

const compliant = {
  policies: ["p1", "p2"],
  associations: [
    { name: "web-a", policy: "p1", servers: ids(1, 32) },
    { name: "web-b", policy: "p1", servers: ids(33, 64) },
    { name: "db", policy: "p2", servers: ids(65, 66) },
    { name: "late", policy: "p2", lateServer: true },
  ],
};

describe("policy pack: stack rules", function () {
  this.timeout(300_000);
  let stack: EngineStack;

  before(async () => {
    stack = await EngineStack.create({ project: "pack-stack-rules", files: { "index.js": program, "spec.json": JSON.stringify(breaking) } });
  });
  after(() => stack?.dispose());

  it("fails one preview with every violation of the three mandatory rules across the stack", async () => {
    const preview = await previewWithPack(stack);
    assert.notEqual(preview.code, 0, preview.output);
    const inOne = violationsOf(preview.output, "csbs-server-in-one-policy");
    assert.deepEqual(inOne.map((v) => v.level), ["mandatory", "mandatory"], preview.output);
    assert.match(
      preview.output,
      /server "00000000-0000-4000-8000-000000000001" is listed by association "db" \(BackupPolicy "p2" \(name "p2-x"\)\) and association "web-a" \(BackupPolicy "p1" \(name "p1-x"\)\): a server can be in only one backup policy; keep it in one policy/,
    );
    assert.match(preview.output, /server "00000000-0000-4000-8000-000000000002" is listed by association "cache" .* and association "web-a"/);
    assert.deepEqual(violationsOf(preview.output, "csbs-servers-per-policy").map((v) => v.level), ["mandatory"]);
    assert.match(
      preview.output,
      /BackupPolicy "p1" \(name "p1-x"\) would hold 70 servers \(association "web-a" lists 40, association "web-b" lists 30\): a policy holds at most 64 servers; move some servers/,
    );
    assert.deepEqual(violationsOf(preview.output, "csbs-policies-per-project").map((v) => v.level), ["mandatory"]);
    assert.match(preview.output, /the stack declares 33 BackupPolicy resources in the stack's project: a project holds at most 32 backup policies; remove 1 \(for example "p33"\)/);
  });

  it("passes the same stack with advisory messages when the config makes the rules advisory", async () => {
    // The short form of a level, a string instead of an object, as the README shows it.
    const preview = await previewWithPack(stack, { ...levels("advisory", STACK_RULES), "csbs-servers-per-policy": "advisory" });
    assert.equal(preview.code, 0, preview.output);
    assert.equal(violationsOf(preview.output, "csbs-server-in-one-policy").filter((v) => v.level === "advisory").length, 2, preview.output);
    assert.equal(violationsOf(preview.output, "csbs-servers-per-policy")[0]?.level, "advisory");
    assert.equal(violationsOf(preview.output, "csbs-policies-per-project")[0]?.level, "advisory");
  });

  it("says nothing when the config disables the rules", async () => {
    const preview = await previewWithPack(stack, levels("disabled", STACK_RULES));
    assert.equal(preview.code, 0, preview.output);
    assert.doesNotMatch(preview.output, ANY_RULE);
  });

  it("passes a compliant stack, reporting a server id unknown in the preview as unknown, not as a violation", async () => {
    stack.writeProgram({ "index.js": program, "spec.json": JSON.stringify(compliant) });
    const preview = await previewWithPack(stack);
    assert.equal(preview.code, 0, preview.output);
    assert.doesNotMatch(preview.output, /\[mandatory\]/);
    assert.match(
      preview.output,
      /can't run policy 'csbs-server-in-one-policy' from policy pack 'pulumi-csbs@v0\.1\.0' during preview: serverIds of association "late": not known until the update, which checks it then/,
    );
    assert.match(preview.output, /csbs-servers-per-policy' .* during preview: how many servers BackupPolicy "p2" \(name "p2-x"\) holds \(some serverIds are unknown\)/);
    assert.doesNotMatch(preview.output, /csbs-policies-per-project/);
  });
});
