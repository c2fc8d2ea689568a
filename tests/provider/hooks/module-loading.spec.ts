import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { CsbsDirect } from "../../engine/provider/scenario-support";
import { demoStackConfig, startTestCloud, type TestCloud } from "../../support/cloud";

const DIST = path.resolve(__dirname, "../../..");

/** The modules a fresh process holds after requiring the given compiled files (paths relative to dist/). */
function modulesAfterRequiring(files: string[]): string[] {
  const script = `
    for (const f of ${JSON.stringify(files.map((f) => path.join(DIST, f)))}) require(f);
    console.log(JSON.stringify(Object.keys(require.cache)));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as string[];
}

describe("what the provider process loads with the hooks modules", () => {
  const hooks = ["provider/hooks/policy-hooks.js", "provider/hooks/association-hooks.js", "provider/hooks/server-backup-hooks.js"];

  it("loads no local cloud code, no YAML parser, no undici and neither dialect's backends until a hook needs them", () => {
    const loaded = modulesAfterRequiring(hooks);
    const sep = "[\\\\/]";
    const offenders = loaded.filter(
      (f) =>
        new RegExp(`${sep}dist${sep}localcloud${sep}`).test(f) ||
        new RegExp(`node_modules${sep}yaml${sep}`).test(f) ||
        new RegExp(`node_modules${sep}undici${sep}`).test(f),
    );
    assert.deepEqual(offenders, []);
    // Each dialect's modules load with the first connection that uses it (provider/backends/*-factory.ts).
    assert.deepEqual(
      loaded.filter((f) => new RegExp(`${sep}(karbor[a-z-]*|csbs-backup[a-z-]*|csbs-operations)\\.js$`).test(f)),
      [],
    );
    // The check is not vacuous: the hooks modules themselves were loaded from this dist/.
    assert.ok(loaded.some((f) => f.endsWith(path.join("provider", "hooks", "policy-hooks.js"))));
  });

  describe("a refresh's hooks", () => {
    let cloud: TestCloud | undefined;
    before(async () => {
      cloud = await startTestCloud();
    });
    after(() => cloud?.close());

    it("read, diff unchanged state and delete a policy and its association without loading zod or an input schema", async () => {
      const api = await CsbsDirect.login(cloud!);
      const server = cloud!.fixtures.projects.find((p) => p.name === "demo")!.servers[0].id;
      const policy = await api.createPolicy("kept", [server]);
      const { config, secrets } = demoStackConfig(cloud!);
      // Not in this process: mocha's has loaded zod long ago. Asynchronous: this process serves the cloud.
      const script = `
        const dist = ${JSON.stringify(DIST)};
        const settings = JSON.parse(process.env.SETTINGS);
        require(dist + "/provider/runtime/provider-runtime.js").resetProviderRuntime((key) => settings[key]);
        const policies = require(dist + "/provider/hooks/policy-hooks.js");
        const associations = require(dist + "/provider/hooks/association-hooks.js");
        (async () => {
          const p = await policies.read(${JSON.stringify(policy.id)}, { __resourceName: "kept", name: "kept" });
          const pd = await policies.diff(p.id, p.props, p.inputs);
          const state = { __resourceName: "web", __policyRef: p.id, policyId: p.id, serverIds: [${JSON.stringify(server)}], takeOver: false };
          const a = await associations.read(p.id + "/web", state);
          const ad = await associations.diff(a.id, a.props, a.inputs);
          await associations.delete(a.id, a.props);
          await policies.delete(p.id, p.props);
          const loaded = Object.keys(require.cache).filter((f) => /[\\/]zod[\\/]|[\\/]domain[\\/](zod|[a-z-]+-inputs|[a-z-]+-schema|input-schema|schedule|server-selector)\.js$/.test(f));
          console.log(JSON.stringify({ read: [p.props.name, a.props.serverIds], changes: [pd.changes, ad.changes], loaded }));
          process.exit(0);
        })().catch((err) => { console.error(err); process.exit(1); });`;
      const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { env: { ...process.env, SETTINGS: JSON.stringify({ ...config, ...secrets }) } });
      const seen = JSON.parse(stdout) as { read: unknown[]; changes: boolean[]; loaded: string[] };
      // Not vacuous: the hooks read the live policy and association, and found nothing changed.
      assert.deepEqual(seen.read, ["kept", [server]]);
      assert.deepEqual(seen.changes, [false, false]);
      assert.deepEqual(seen.loaded, []);
      assert.deepEqual(await api.policies(), []);
    });
  });
});
