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
    ["policy", policyProvider, "policy-hooks", 7],
    ["association", associationProvider, "association-hooks", 7],
    // No update: every change of a ServerBackup replaces it.
    ["server backup", serverBackupProvider, "server-backup-hooks", 6],
  ] as const) {
    it(`serializes the ${kind} provider to a small text without secrets`, async () => {
      const { text, containsSecrets } = await serialized(provider);
      assert.equal(containsSecrets, false);
      assert.ok(text.length < 2600, `serialized ${kind} provider is ${text.length} characters`);
    });

    it(`captures nothing but string literals that require the installed ${kind} hooks`, async () => {
      const { text } = await serialized(provider);
      const requires = [...text.matchAll(/require\(([^)]*)\)/g)].map((m) => m[1]);
      assert.equal(requires.length, methods);
      for (const r of requires) assert.equal(r, `"pulumi-csbs/provider/${hooks}"`);
      // The only captured variable is the provider object itself (named `provider` in the closure above).
      const captures = [...text.matchAll(/with\(\{ ([^}]*)\}\)/g)].map((m) => m[1]);
      for (const c of captures) {
        const names = c.split(",").map((p) => p.trim().split(":")[0]).filter((n) => n && n !== "this" && n !== "arguments");
        assert.ok(names.every((n) => n === "provider"), `unexpected capture: ${c}`);
      }
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
