import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";

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
});
