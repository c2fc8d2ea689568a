import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { engineBin, exec, REPO_ROOT } from "../support/engine";

/**
 * The bench's machinery end to end at a tiny scale (2 policies × 3 servers): it runs every scenario through the
 * real engine against its own local cloud, writes the results file and prints the figures as the last line.
 * Nothing here is timed: the figures' values are the bench's business, this checks that they are all there.
 */
describe("npm run bench machinery (2 × 3 smoke run)", function () {
  this.timeout(600_000);
  const REQUIRED_KEYS = [
    "authsPerOperation",
    "requestsPerPolicyCreate",
    "requestsPerPolicyCreateCsbs",
    "requestsPerPolicyCreateWithWaits",
    "pollsPerPolicyCreateWithWaits",
    "upWaitOverheadRatio",
    "requestsPerAssociationChange",
    "requestsPerAssociationChangeCsbs",
    "requestsPerAssociationChangeAt8",
    "changeWallRatioVsBaselineAt8",
    "providerCpuRatioVsBaseline",
    "providerProcessCpuMsPerHook",
    "noopPreviewRequests",
    "noopPreviewWrites",
    "refreshRequestsPerResource",
    "upWallRatioVsBaseline",
    "previewWallRatioVsBaseline",
    "providerCpuMsPerHook",
    "changeRequests",
    "changeWallRatioVsBaseline",
  ];
  let dir: string;
  let stdout: string;
  let figures: Record<string, unknown>;
  let results: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "csbs-bench-smoke-"));
    const resultsFile = path.join(dir, "RESULTS.md");
    const run = await exec(process.execPath, [path.join(REPO_ROOT, "dist", "bench", "main.js")], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PULUMI_CSBS_ENGINE_BIN: engineBin(),
        BENCH_POLICIES: "2",
        BENCH_SERVERS_PER_POLICY: "3",
        BENCH_REPEAT: "1",
        BENCH_RESULTS_FILE: resultsFile,
      },
    });
    assert.equal(run.code, 0, run.output);
    stdout = run.stdout;
    const last = stdout.trim().split("\n").pop() ?? "";
    figures = JSON.parse(last) as Record<string, unknown>;
    results = fs.readFileSync(resultsFile, "utf8");
  });
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("prints one JSON object with every figure of issues 7 and 18 as its last line, each a finite number", () => {
    for (const key of REQUIRED_KEYS) {
      assert.equal(typeof figures[key], "number", `${key} is missing or not a number in ${JSON.stringify(figures)}`);
      assert.ok(Number.isFinite(figures[key] as number), `${key} is ${String(figures[key])}`);
    }
  });

  it("counts the stack it was asked for: 2 policies, 2 associations, 6 servers", () => {
    assert.equal(figures.policies, 2);
    assert.equal(figures.associations, 2);
    assert.equal(figures.servers, 6);
  });

  it("sees the provider's traffic in the cloud's request log: a token per operation, writes only when something changes", () => {
    assert.equal(figures.authsPerOperation, 1);
    assert.equal(figures.noopPreviewWrites, 0);
    assert.ok((figures.changeWrites as number) >= 2, `the change scenario replaced servers of both policies, so it wrote: ${stdout}`);
    assert.ok((figures.requestsPerPolicyCreate as number) >= 1, "every policy create sends at least its POST");
  });

  it("polls a policy that stays `creating` for 5 s a few times, spaced, not in a tight loop", () => {
    // The policies-only up with creatingSeconds 5: the POST's answer says `creating`, then shared spaced looks.
    const polls = figures.pollsPerPolicyCreateWithWaits as number;
    assert.ok(polls > 0, `the policies were polled while creating: ${stdout}`);
    assert.ok(polls <= 5, `at most 5 looks per policy in 5 s (a tight loop would send hundreds): ${polls}`);
  });

  it("writes the list of a policy whose 3 associations all change at once with one GET and one PUT of it", () => {
    // The 8-per-policy scenario at this size: 3 associations per policy (one per server), 2 policies.
    assert.equal(figures.associationsAt8, 6);
    const shapes = results.split("\n").find((l) => l.startsWith("* csbs change at 8:")) ?? "";
    assert.match(shapes, /`GET \/csbs\/v1\/\{project\}\/policies\/\{id\}` × [12];/, shapes);
  });

  it("writes a results file with the machine, versions and every figure with how it was measured", () => {
    assert.match(results, /Machine: .+cores/);
    assert.match(results, /Node v\d+/);
    assert.match(results, /Pulumi v3\.\d+\.\d+/);
    for (const key of REQUIRED_KEYS) assert.ok(results.includes(`| \`${key}\` |`), `RESULTS.md has no row for ${key}`);
  });

  it("records the provider's hook calls through the probe, so CPU per hook has a denominator", () => {
    assert.match(results, /policy\.create × 2/);
    assert.match(results, /association\.check × \d+/);
  });
});
