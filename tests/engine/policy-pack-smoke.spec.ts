import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { EngineStack } from "../support/engine";

/**
 * The engine built by scripts/setup-engine.sh runs a Node policy pack (@pulumi/policy) through its
 * language host: `pulumi preview --policy-pack <dir>` loads the pack, sends it the planned resources
 * and fails the preview on a mandatory violation.
 */
const program = `
const pulumi = require("@pulumi/pulumi");
const provider = { async create(inputs) { return { id: "p-1", outs: inputs }; } };
new pulumi.dynamic.Resource(provider, "nightly", { keep: Number(process.env.KEEP) }, {}, "csbs", "BackupPolicy");
`;

const pack = `
const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("smoke-pack", {
  policies: [{
    name: "keep-at-least-seven",
    description: "policies keep at least 7 backups",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type === "pulumi-nodejs:dynamic/csbs:BackupPolicy" && args.props.keep < 7) {
        reportViolation("keep is " + args.props.keep + ": keep at least 7");
      }
    },
  }],
});
`;

describe("policy packs through the real engine", function () {
  this.timeout(180_000);
  let stack: EngineStack;
  let packDir: string;

  before(async () => {
    stack = await EngineStack.create({ project: "policy-smoke", files: { "index.js": program } });
    // Beside the program, under the same node_modules (which holds @pulumi/policy through pulumi-csbs).
    packDir = `${stack.dir}-pack`;
    fs.mkdirSync(packDir);
    fs.writeFileSync(path.join(packDir, "PulumiPolicy.yaml"), "runtime: nodejs\nname: smoke-pack\nversion: 0.0.1\n");
    fs.writeFileSync(path.join(packDir, "package.json"), JSON.stringify({ name: "smoke-pack", version: "0.0.1", main: "index.js" }));
    fs.writeFileSync(path.join(packDir, "index.js"), pack);
  });
  after(() => {
    stack?.dispose();
    if (packDir) fs.rmSync(packDir, { recursive: true, force: true });
  });

  it("fails the preview with the pack's mandatory violation, naming the rule, the resource and the message", async () => {
    stack.setEnv({ KEEP: "3" });
    const preview = await stack.preview(["--policy-pack", packDir]);
    assert.notEqual(preview.code, 0, preview.output);
    assert.match(preview.output, /smoke-pack@v0\.0\.1/);
    assert.match(preview.output, /\[mandatory\]\s+keep-at-least-seven\s+\(pulumi-nodejs:dynamic\/csbs:BackupPolicy: nightly\)/);
    assert.match(preview.output, /keep is 3: keep at least 7/);
  });

  it("passes the preview when the resource complies", async () => {
    stack.setEnv({ KEEP: "14" });
    const preview = await stack.preview(["--policy-pack", packDir]);
    assert.equal(preview.code, 0, preview.output);
    assert.doesNotMatch(preview.output, /keep-at-least-seven/);
  });
});
