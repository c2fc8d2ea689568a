import * as assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { providerRuntime, resetProviderRuntime } from "../../../provider/runtime/provider-runtime";

// Every declaration of these tests is in one project and region.
const PLACE = "https://csbs.example/v1/project";

/** Every TypeScript source file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith(".ts") ? [full] : [];
  });
}

const PROVIDER = path.resolve(__dirname, "../../../../provider");

describe("the provider runtime", () => {
  afterEach(() => resetProviderRuntime());

  it("is the only process state in provider/: one globalThis slot, in one file", () => {
    const holders = sources(PROVIDER).filter((file) => readFileSync(file, "utf8").includes("globalThis"));
    assert.deepEqual(
      holders.map((file) => path.relative(PROVIDER, file)),
      [path.join("runtime", "provider-runtime.ts")],
    );
  });

  it("is one object per process, shared by a second copy of the module as two provider texts would load it", () => {
    const first = providerRuntime();
    first.deployment.registerPolicy({ resourceName: "daily", policyName: "daily", creates: true }, PLACE);
    const modulePath = require.resolve("../../../provider/runtime/provider-runtime");
    const cached = require.cache[modulePath];
    delete require.cache[modulePath];
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const copy = require(modulePath) as typeof import("../../../provider/runtime/provider-runtime");
      assert.equal(copy.providerRuntime().deployment.snapshot(PLACE).policies[0]?.resourceName, "daily");
    } finally {
      if (cached) require.cache[modulePath] = cached;
    }
  });

  it("makes hooks wait for configure, and keeps the first configuration", async () => {
    const runtime = resetProviderRuntime();
    let seen: string | undefined;
    const waiting = runtime.config().then((config) => (seen = config("csbs:region")));
    await new Promise((r) => setImmediate(r));
    assert.equal(seen, undefined);
    runtime.configure((key) => (key === "csbs:region" ? "RegionOne" : undefined));
    runtime.configure(() => "second");
    await waiting;
    assert.equal(seen, "RegionOne");
    assert.equal((await runtime.config())("csbs:region"), "RegionOne");
  });

  it("starts afresh on reset, as a new provider process would", () => {
    const before = providerRuntime();
    before.warningsShown.add("shown once");
    const after = resetProviderRuntime();
    assert.notEqual(after, before);
    assert.equal(providerRuntime(), after);
    assert.equal(after.warningsShown.size, 0);
  });
});
