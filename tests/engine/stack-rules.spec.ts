/**
 * Acceptance 2 of issue 17 with pulumi-csbs's own provider: one preview names every violation of the stack rules
 * across the stack. The engine stops at the first resource whose check fails, so it is the program that reports
 * them (sdk/stack-pass.ts), each once, led by the rule name; the resources involved fail their check pointing
 * there. No policy pack is needed for that, and with the pack the stack's report is the same.
 */
import * as assert from "node:assert/strict";
import { startTestCloud, type TestCloud } from "../support/cloud";
import { EngineStack } from "../support/engine";
import { readPreview } from "../../digest/preview-record";
import { renderComment } from "../../digest/render-comment";
import { installedPackDir, previewWithPack } from "../policy-pack/pack-support";
import { CsbsDirect } from "./scenarios/csbs-direct";
import { BASIC_SCHEDULE, scenarioStack, setProgram, webServers, type PolicyDecl, type ProgramSpec } from "./scenarios/program";

const RETENTION = { maxBackups: 7 };

function occurrences(text: string, needle: RegExp): number {
  return [...text.matchAll(new RegExp(needle.source, "g"))].length;
}

describe("stack rules in one preview, with pulumi-csbs's provider (through the engine)", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let api: CsbsDirect;
  let stack: EngineStack;
  let web: string[];

  /** p1 and p2 share servers over three associations, "big" gets 65 servers over two, and 33 policies in all. */
  function breaking(): ProgramSpec {
    const policy = (resource: string, associations: PolicyDecl["associations"] = []): PolicyDecl => ({ resource, args: { schedule: BASIC_SCHEDULE, retention: RETENTION }, associations });
    return {
      policies: [
        policy("p1", [{ resource: "a1", serverIds: web.slice(0, 3) }, { resource: "a3", serverIds: web.slice(2, 5) }]),
        policy("p2", [{ resource: "a2", serverIds: web.slice(1, 4) }]),
        policy("big", [{ resource: "big-a", serverIds: web.slice(10, 50) }, { resource: "big-b", serverIds: web.slice(50, 75) }]),
        ...Array.from({ length: 30 }, (_, i) => policy(`q${i}`)),
      ],
    };
  }

  before(async () => {
    cloud = await startTestCloud();
    api = await CsbsDirect.login(cloud);
    web = webServers(cloud, 75);
    stack = await scenarioStack(cloud, "stack-rules", { policies: [] });
    setProgram(stack, breaking());
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  it("fails one preview naming every violating resource and rule, each violation once", async () => {
    const preview = await stack.preview();
    const out = preview.output;
    assert.notEqual(preview.code, 0, out);
    const policy = (name: string) => `BackupPolicy "${name}" \\(name "${name}-[0-9a-f]{7}"\\)`;
    const shared = (servers: string, holders: string) => new RegExp(`csbs-server-in-one-policy \\(membership\\.serverInOtherAssociation\\): ${servers} listed by ${holders}: a server can be in only one backup policy`);
    const violations = [
      shared(`server "${web[1]}" is`, `association "a1" \\(${policy("p1")}\\) and association "a2" \\(${policy("p2")}\\)`),
      shared(`server "${web[2]}" is`, `association "a1" \\(${policy("p1")}\\), association "a3" \\(${policy("p1")}\\) and association "a2" \\(${policy("p2")}\\)`),
      shared(`server "${web[3]}" is`, `association "a3" \\(${policy("p1")}\\) and association "a2" \\(${policy("p2")}\\)`),
      new RegExp(`csbs-servers-per-policy \\(membership\\.tooManyServers\\): ${policy("big")} would hold 65 servers \\(association "big-a" lists 40, association "big-b" lists 25\\): a policy holds at most 64 servers`),
      /csbs-policies-per-project \(quota\.policiesPerProject\): the stack declares 33 BackupPolicy resources in the stack's project: a project holds at most 32 backup policies; remove 1/,
    ];
    for (const v of violations) assert.equal(occurrences(out, v), 1, `${v.source} once:\n${out}`);
    assert.equal(occurrences(out, /csbs-(server-in-one-policy|servers-per-policy|policies-per-project) \(/), violations.length, out);
    // The engine's one check failure points at the program's report instead of restating a violation.
    assert.match(out, /resource '[\w-]+' has a problem: the program reported above that this resource breaks csbs-/);
    assert.deepEqual(await api.policies(), []);
  });

  it("puts every stack-rule violation in the pull-request digest, before the diff", async () => {
    const preview = await stack.cli(["preview", "--json", "--policy-pack", await installedPackDir()], { env: { PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" } });
    assert.notEqual(preview.code, 0, preview.stderr);
    const comment = renderComment([{ stack: "dev", record: readPreview(preview.stdout) }]);
    const lines = comment.split("\n");
    const named = (rule: string) => lines.findIndex((l) => l.includes(rule));
    for (const rule of ["csbs-server-in-one-policy (", "csbs-servers-per-policy (", "csbs-policies-per-project ("]) {
      assert.ok(named(rule) >= 0, `${rule} in the digest:\n${comment}`);
      assert.ok(named(rule) < lines.findIndex((l) => l.includes("<details")), `${rule} before the folded diff:\n${comment}`);
    }
    assert.equal(lines.filter((l) => l.includes("csbs-server-in-one-policy (")).length, 3, comment);
  });

  it("reports the same once with the policy pack, and a compliant stack passes the pack with no message", async () => {
    const withPack = await previewWithPack(stack);
    assert.notEqual(withPack.code, 0, withPack.output);
    assert.equal(occurrences(withPack.output, /csbs-(server-in-one-policy|servers-per-policy|policies-per-project) \(/), 5, withPack.output);

    setProgram(stack, {
      policies: [
        { resource: "p1", args: { schedule: BASIC_SCHEDULE, retention: RETENTION }, associations: [{ resource: "a1", serverIds: web.slice(0, 3) }, { resource: "a3", serverIds: web.slice(3, 5) }] },
        { resource: "big", args: { schedule: BASIC_SCHEDULE, retention: RETENTION }, associations: [{ resource: "big-a", serverIds: web.slice(10, 50) }, { resource: "big-b", serverIds: web.slice(50, 74) }] },
      ],
    });
    const compliant = await previewWithPack(stack);
    assert.equal(compliant.code, 0, compliant.output);
    assert.doesNotMatch(compliant.output, /csbs-(server-in-one-policy|servers-per-policy|policies-per-project)/);
  });
});
