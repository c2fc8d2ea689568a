import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { exec, programBase, REPO_ROOT } from "../support/engine";
import { EXAMPLES_DIR } from "./example-stack";

/**
 * Every example compiles, strict, against the built pulumi-csbs typings, including with-openstack-servers,
 * which needs a real cloud to deploy and is therefore only type-checked.
 */
describe("the examples' TypeScript", function () {
  this.timeout(180_000);

  it("type-checks every example, with-openstack-servers included, against the built pulumi-csbs", async () => {
    const typings = path.join(REPO_ROOT, "dist", "sdk", "index.d.ts");
    assert.ok(fs.existsSync(typings), `${typings} is missing: build first with 'npx tsc -p tsconfig.json'`);
    const examples = fs.readdirSync(EXAMPLES_DIR).filter((d) => fs.existsSync(path.join(EXAMPLES_DIR, d, "index.ts")));
    assert.ok(examples.includes("with-openstack-servers"), examples.join(", "));
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "csbs-examples-tsc-"));
    try {
      const tsconfig = {
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: "ES2022",
          module: "commonjs",
          moduleResolution: "node",
          esModuleInterop: true,
          skipLibCheck: true,
          typeRoots: [path.join(REPO_ROOT, "node_modules", "@types")],
          types: ["node"],
          baseUrl: REPO_ROOT,
          paths: { "pulumi-csbs": [typings] },
        },
        files: examples.map((e) => path.join(EXAMPLES_DIR, e, "index.ts")),
      };
      fs.writeFileSync(path.join(work, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
      const tsc = await exec(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(work, "tsconfig.json")], {
        cwd: work,
      });
      assert.equal(tsc.code, 0, tsc.output);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it("keeps @pulumi/openstack out of the engine programs' node_modules (it is a devDependency only)", async () => {
    const base = await programBase();
    assert.ok(fs.existsSync(path.join(base, "node_modules", "pulumi-csbs")), "the packed pulumi-csbs is not installed");
    assert.equal(fs.existsSync(path.join(base, "node_modules", "@pulumi", "openstack")), false);
  });
});
