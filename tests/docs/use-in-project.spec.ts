/**
 * README "Use it in your project", followed literally in a new, empty directory against a local cloud: its shell
 * lines run as written (with the packed tarball for `pulumi-csbs`, as the README allows), its settings are the
 * ones "The local cloud" section gives, its `index.ts` is the README's sample, and `pulumi up` deploys it.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startTestCloud, type TestCloud } from "../support/cloud";
import { engineBin, exec, REPO_ROOT } from "../support/engine";
import { serverIds } from "../engine/scenarios/program";

const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

/** The fenced blocks of one README section, in order. */
function blocksOf(heading: string, lang: string): string[] {
  const start = readme.indexOf(`## ${heading}\n`);
  assert.ok(start >= 0, `README has no section "${heading}"`);
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(new RegExp("^```" + lang + "\\n([\\s\\S]*?)^```", "gm"))].map((m) => m[1]);
}

/** The command lines of a shell block, comments dropped. */
function commands(block: string): string[] {
  return block.split("\n").map((l) => l.replace(/\s+#.*$/, "").trim()).filter((l) => l !== "" && !l.startsWith("#"));
}

describe("README: Use it in your project, followed literally", function () {
  this.timeout(900_000);
  let cloud: TestCloud;
  let dir: string;
  let work: string;

  before(async () => {
    cloud = await startTestCloud();
    work = fs.mkdtempSync(path.join(os.tmpdir(), "csbs-readme-"));
    dir = path.join(work, "backups");
    fs.mkdirSync(dir);
  });
  after(async () => {
    await cloud?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("deploys the README's sample from an empty directory with the README's commands", async () => {
    const packed = await exec("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", work], { cwd: REPO_ROOT });
    assert.equal(packed.code, 0, packed.output);
    const tarball = path.join(work, packed.stdout.trim().split("\n").pop() ?? "");
    fs.mkdirSync(path.join(work, "state"));
    const env = {
      ...process.env,
      PATH: `${engineBin()}:${process.env.PATH ?? ""}`,
      PULUMI_HOME: path.join(work, "home"),
      PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "readme-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      NO_COLOR: "1",
    };
    const run = async (line: string) => {
      const r = await exec("bash", ["-c", line], { cwd: dir, env, timeoutMs: 600_000 });
      assert.equal(r.code, 0, `${line}\n${r.output}`);
      return r;
    };

    const [setup, servers] = blocksOf("Use it in your project", "sh");
    for (const line of commands(setup)) {
      // The package is not on a registry here: the README's own alternative, the tarball of `npm pack`.
      await run(line.replace(/^npm install pulumi-csbs /, `npm install --no-audit --no-fund --prefer-offline ${tarball} `));
    }
    // The settings, as "The local cloud" section gives them (its port replaced by this cloud's).
    const localSettings = blocksOf("The local cloud, for development", "sh").find((b) => b.includes("pulumi config set csbs:authUrl"));
    assert.ok(localSettings, "the local cloud section shows its settings");
    for (const line of commands(localSettings)) await run(line.replace("http://127.0.0.1:8799/identity/v3", cloud.authUrl));
    const [web] = serverIds(cloud, "web-000");
    for (const line of commands(servers)) await run(line.replace("<id>", web));
    fs.writeFileSync(path.join(dir, "index.ts"), blocksOf("Use it in your project", "ts")[0]);

    const up = await run("pulumi up --yes --non-interactive");
    assert.match(up.output, /policyName\s*:\s*"daily-[0-9a-f]{7}"/, up.output);
    assert.match(up.output, /pattern\s*:/);
    assert.equal((await exec("bash", ["-c", "pulumi destroy --yes --non-interactive"], { cwd: dir, env })).code, 0);
  });
});
