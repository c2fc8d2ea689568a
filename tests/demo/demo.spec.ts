import * as assert from "node:assert/strict";
import * as path from "node:path";
import { engineBin, exec, REPO_ROOT } from "../support/engine";

/**
 * `npm run demo` is the README's first command. This runs the demo itself (after the preparation that
 * `npm test` has already done) and checks that every step is shown and that it ends well.
 */
describe("npm run demo", function () {
  this.timeout(300_000);

  it("walks through deploy, a preview that breaks a rule, the fix, a week of backups, a restore drill and destroy, and exits 0", async () => {
    const demo = path.join(REPO_ROOT, "dist", "scripts", "demo", "run-demo.js");
    const r = await exec(process.execPath, ["-e", `require(${JSON.stringify(demo)}).runDemo().then((c) => process.exit(c))`], {
      cwd: REPO_ROOT,
      env: { ...process.env, PULUMI_CSBS_ENGINE_BIN: engineBin() },
    });
    assert.equal(r.code, 0, r.output);
    for (const step of ["1. A local CSBS cloud", "3. pulumi up", "4. A pull request that breaks a rule", "5. The fixed change", "6. One week later", "7. A restore drill", "8. pulumi destroy", "Summary"]) {
      assert.ok(r.stdout.includes(step), `missing step "${step}" in:\n${r.stdout}`);
    }
    assert.match(r.stdout, /"02:00" and "02:30" are 30 minutes apart/);
    assert.match(r.stdout, /The schedule ran 14 times/);
    assert.match(r.stdout, /deleted 33 older automatic backups/);
    assert.match(r.stdout, /restore [0-9a-f-]+ succeeded: server web-000 is ACTIVE/);
    assert.match(r.stdout, /backups before destroy: (\d+), after: \1\./);
    // The UTC quickstart is drawn once, from step 5 on from the deployed pattern; the diff shows what step 5 announces.
    assert.doesNotMatch(r.stdout, /02:00 UTC = 02:00 UTC/);
    assert.match(r.stdout, /local time is UTC here/);
    assert.match(r.stdout, /maxBackups\s*:\s*7\s*=>\s*3/);
    assert.match(r.stdout, /the schedule is on because the policy's `enabled` is true/);
    assert.match(r.stdout, /unchanged: same pattern, same 2 servers/);
    assert.match(r.stdout, /total \d+s since `npm run demo` started, set-up included/);
  });
});
