import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { associationProvider, policyProvider, serverBackupProvider } from "../../sdk/provider-loader";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const requireFromString = require("require-from-string") as (code: string, filename?: string) => { handler(): unknown };

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

async function serialized(provider: pulumi.dynamic.ResourceProvider) {
  return pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
}

describe("the serialized provider loader", () => {
  for (const [kind, provider, hooks, methods] of [
    ["policy", policyProvider, "policy-hooks", ["configure", "check", "diff", "create", "read", "update", "delete"]],
    ["association", associationProvider, "association-hooks", ["configure", "check", "diff", "create", "read", "update", "delete"]],
    // No update: every change of a ServerBackup replaces it.
    ["server backup", serverBackupProvider, "server-backup-hooks", ["configure", "check", "diff", "create", "read", "delete"]],
  ] as const) {
    // Here the SDK is loaded from the repository, not from a node_modules, so Pulumi serializes the loader by value
    // (what it does for a linked package); installed, the text is a require of the loader's subpath (engine specs).
    it(`serializes the ${kind} provider by value to a small text without secrets`, async () => {
      const { text, containsSecrets } = await serialized(provider);
      assert.equal(containsSecrets, false);
      assert.ok(text.length < 2600, `serialized ${kind} provider is ${text.length} characters`);
    });

    it(`captures nothing but the ${kind} hooks' subpath and the method names`, async () => {
      const { text } = await serialized(provider);
      assert.deepEqual([...text.matchAll(/require\(([^)]*)\)/g)].map((m) => m[1]), methods.map(() => "hooksSubpath"));
      const captures = [...text.matchAll(/with\(\{ ([^}]*)\}\)/g)].map((m) => m[1]);
      const forwarded = captures.filter((c) => c.startsWith("hooksSubpath"));
      assert.deepEqual(
        forwarded,
        methods.map((m) => `hooksSubpath: "pulumi-csbs/provider/${hooks}", method: "${m}", this: undefined, arguments: undefined `),
      );
      // The rest is the closure Pulumi wraps around the provider object itself (named `provider` above).
      assert.deepEqual(captures.filter((c) => !c.startsWith("hooksSubpath")), ["provider: __provider, this: undefined, arguments: undefined "]);
    });

    it(`gives the same ${kind} text however large the program is`, async () => {
      const before = (await serialized(provider)).text;
      const bigProgramState = Array.from({ length: 10_000 }, (_, i) => `server-${i}`);
      const after = (await serialized(provider)).text;
      assert.equal(bigProgramState.length, 10_000);
      assert.equal(after, before);
    });
  }

  it("loads from the text and reaches the installed hooks through node_modules/pulumi-csbs", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csbs-loader-"));
    try {
      fs.mkdirSync(path.join(dir, "node_modules"));
      fs.symlinkSync(REPO_ROOT, path.join(dir, "node_modules", "pulumi-csbs"), "dir");
      const { text } = await serialized(policyProvider);
      const loaded = requireFromString(text, path.join(dir, "index.js")).handler() as pulumi.dynamic.ResourceProvider;
      const result = await loaded.check!({}, { __resourceName: "p", schedule: { times: ["25:00"] }, retention: { maxBackups: 0 } });
      assert.ok((result.failures ?? []).length > 0, "the loaded hooks validated the inputs");
      assert.ok(result.failures!.some((f) => f.reason.startsWith("`schedule")));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
