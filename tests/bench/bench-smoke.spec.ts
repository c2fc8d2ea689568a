import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FLEET_HOW_MEASURED } from "../../bench/fleet-markdown";
import { lastOutcomeFile } from "../../bench/main";
import { placeKey } from "../../bench/request-tally";
import type { BenchOutcome } from "../../bench/run-bench";
import { engineBin, exec, REPO_ROOT } from "../support/engine";

/**
 * The bench's machinery end to end at a tiny scale (BENCH_PROFILES=2: two projects of 2 policies × 3 servers for
 * the main stacks; the fleet-growth section at 1 and 2 profiles of 2 × 3): it runs every scenario through the real engine against its own local cloud, writes the
 * results file and prints the figures as the last line.
 * Nothing here is timed: the figures' values are the bench's business, this checks that they are all there.
 */
describe("npm run bench machinery (2 × 3 smoke run)", function () {
  // Not a timed assertion: the whole bench at 2 × 2 × 3 is about 60 engine operations, slow on a loaded machine.
  this.timeout(900_000);
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
  let outcome: BenchOutcome;

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
        BENCH_PROFILES: "2",
        BENCH_FLEET_PROFILES: "1,2",
        BENCH_RESULTS_FILE: resultsFile,
      },
    });
    assert.equal(run.code, 0, run.output);
    stdout = run.stdout;
    const last = stdout.trim().split("\n").pop() ?? "";
    figures = JSON.parse(last) as Record<string, unknown>;
    results = fs.readFileSync(resultsFile, "utf8");
    outcome = JSON.parse(fs.readFileSync(lastOutcomeFile(resultsFile), "utf8")) as BenchOutcome;
  });
  after(() => {
    if (!dir) return;
    fs.rmSync(lastOutcomeFile(path.join(dir, "RESULTS.md")), { force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("prints one JSON object with every figure of issues 7 and 18 as its last line, each a finite number", () => {
    for (const key of REQUIRED_KEYS) {
      assert.equal(typeof figures[key], "number", `${key} is missing or not a number in ${JSON.stringify(figures)}`);
      assert.ok(Number.isFinite(figures[key] as number), `${key} is ${String(figures[key])}`);
    }
  });

  it("counts the stack it was asked for: 2 profiles of 2 policies × 3 servers, so 4 policies, 4 associations, 12 servers", () => {
    assert.equal(outcome.scale.profiles, 2);
    assert.equal(figures.policies, 4);
    assert.equal(figures.associations, 4);
    assert.equal(figures.servers, 12);
  });

  it("spreads the main stacks over BENCH_PROFILES projects: the up's requests come from the two profiles' projects, one token each", () => {
    const up = outcome.records.up.csbs[0].requests;
    const regions = Object.keys(up.byPlace).map((place) => place.split(" ")[0]).sort();
    assert.deepEqual(regions, ["RegionOne", "RegionTwo"], `the up made requests in one project per region: ${JSON.stringify(up.byPlace)}`);
    assert.equal(up.auths, 2, "one token per project");
    assert.ok(outcome.records.up.csbs[0].provider.hooks["policy.create"]?.calls === 4, JSON.stringify(outcome.records.up.csbs[0].provider.hooks));
  });

  it("runs the provider processes with a code cache directory of its own, made empty for the run, where the hooks bundle saved its one cache file", () => {
    assert.deepEqual(outcome.codeCache, { filesAtEnd: 1 });
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

  it("reads the quota only in the ups that create policies, not in those that only change servers nor in the no-op preview", () => {
    // Issue 18: the quota matters only to a declaration that makes a policy (policy-hooks.ts check).
    const kinds = (label: string) => results.split("\n").find((l) => l.startsWith(`* ${label}: `)) ?? "";
    for (const label of ["count: create associations", "csbs change", "csbs change at 8", "count: create associations at 8", "csbs no-op preview"]) {
      assert.match(kinds(label), /`GET \/csbs\/v1\/\{project\}\/policies` × \d+/, `no policy listing in the requests of ${label}`);
      assert.doesNotMatch(kinds(label), /\/quotas/, label);
    }
    assert.match(kinds("count: create policies"), /`GET \/csbs\/v1\/\{project\}\/quotas` × 1/);
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

  const FLEET_KEYS = [
    "upWallMsPerResourceAtProfiles",
    "upRequestsPerResourceAtProfiles",
    "baselineUpWallMsPerResourceAtProfiles",
    "upWallRatioVsBaselineAtProfiles",
    "previewWallMsPerResourceAtProfiles",
    "previewRequestsPerResourceAtProfiles",
    "baselinePreviewWallMsPerResourceAtProfiles",
    "previewWallRatioVsBaselineAtProfiles",
  ];
  const GROWTH_KEYS = ["upWallMsPerResourceGrowth", "upRequestsPerResourceGrowth", "previewWallMsPerResourceGrowth", "previewRequestsPerResourceGrowth"];

  it("measures the fleet at 1 and 2 profiles: wall time and requests per resource of the up and the no-op preview, each finite and above 0", () => {
    assert.deepEqual(figures.fleetProfiles, [1, 2]);
    for (const key of FLEET_KEYS) {
      const at = figures[key] as Record<string, unknown> | undefined;
      assert.deepEqual(Object.keys(at ?? {}).sort(), ["1", "2"], `${key}: ${JSON.stringify(at)}`);
      for (const [n, v] of Object.entries(at ?? {})) {
        assert.ok(typeof v === "number" && Number.isFinite(v) && v > 0, `${key} at ${n} profiles is ${String(v)}`);
      }
    }
    for (const key of GROWTH_KEYS) {
      const v = figures[key];
      assert.ok(typeof v === "number" && Number.isFinite(v) && v > 0, `${key} is ${String(v)}`);
    }
    const [one, two] = outcome.records.fleet.sizes;
    assert.deepEqual(one.resources, { policies: 2, associations: 2 }, "one profile: one project's worth (2 × 3)");
    assert.deepEqual(two.resources, { policies: 4, associations: 4 }, "two profiles: two projects' worth");
  });

  it("puts each profile's policies in its own project and region: each project's API lists only its own, and each project's token made requests", () => {
    const two = outcome.records.fleet.sizes.find((s) => s.profiles === 2);
    assert.ok(two, "the fleet-growth section ran at 2 profiles");
    assert.deepEqual(
      two.places.map((p) => [p.profile, p.project, p.region]),
      [
        ["grow-0", "grow-0", "RegionOne"],
        ["grow-1", "grow-1", "RegionTwo"],
      ],
    );
    assert.notEqual(two.places[0].projectId, two.places[1].projectId);
    for (const landed of two.landed) {
      assert.equal(landed.policies.length, 2, `${landed.project} (${landed.region}) holds its profile's 2 policies: ${JSON.stringify(landed)}`);
      for (const name of landed.policies) assert.ok(name.startsWith(`${landed.profile}-fleet-`), `${landed.project} holds ${name}, not a policy of profile ${landed.profile}`);
    }
    // The request log: the up's requests came from exactly these two projects, each in its own region.
    const up = two.up.csbs[0].requests;
    assert.deepEqual(Object.keys(up.byPlace).sort(), two.places.map((p) => placeKey(p.region, p.projectId)).sort(), JSON.stringify(up.byPlace));
    assert.equal(up.auths, 2, "one token per project in the up");
    const one = outcome.records.fleet.sizes.find((s) => s.profiles === 1);
    assert.deepEqual(Object.keys(one?.up.csbs[0].requests.byPlace ?? {}), [placeKey("RegionOne", two.places[0].projectId)], "one profile: one project");
  });

  it("prints the fleet-growth table in RESULTS.md, a row per profile count, with how each column was measured", () => {
    assert.match(results, /## Fleet growth \(profiles\)/);
    assert.match(results, /^\| 1 \| grow-0 \(RegionOne\) \| 4 \| /m);
    assert.match(results, /^\| 2 \| grow-0 \(RegionOne\), grow-1 \(RegionTwo\) \| 8 \| /m);
    for (const [, key] of FLEET_HOW_MEASURED) if (key !== "–") assert.ok(results.includes(`(\`${key}\`)`), `RESULTS.md does not say how ${key} is measured`);
    assert.match(results, /Growth from 1 to 2 profiles/);
  });
});
