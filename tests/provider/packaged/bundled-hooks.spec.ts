import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isInstalledCopy } from "../../../provider/packaged/bundled-hooks";
import { CODE_CACHE_ENV } from "../../../provider/packaged/code-cache";
import { programBase } from "../../support/engine";

const DIST = path.resolve(__dirname, "../../..");

/** What a fresh Node process in `cwd` reports after running `body` (which sets `report`). */
function inFreshProcess<T>(cwd: string, body: string, env: NodeJS.ProcessEnv = {}): T {
  const script = `let report; ${body}; console.log(JSON.stringify(report));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd, encoding: "utf8", env: { ...process.env, [CODE_CACHE_ENV]: "", ...env } })) as T;
}

const PUBLIC_SUBPATHS = [
  "pulumi-csbs/provider/policy-hooks",
  "pulumi-csbs/provider/association-hooks",
  "pulumi-csbs/provider/server-backup-hooks",
  // 0.1.0's loader text names the hooks by their file paths.
  "pulumi-csbs/dist/provider/hooks/policy-hooks.js",
  "pulumi-csbs/dist/provider/hooks/association-hooks.js",
  "pulumi-csbs/dist/provider/hooks/server-backup-hooks.js",
];

interface LoadReport {
  source: { from: string; cache?: string };
  samePolicyHooks: boolean;
  sameAssociationHooks: boolean;
  checkRules: string[];
  loadedProviderFiles: string[];
  loadedZodFiles: string[];
}

/** Requires every public hooks subpath, runs one policy check (it validates, so zod is used), prints what loaded. */
const LOAD_EVERY_SUBPATH = `
  const hooks = ${JSON.stringify(PUBLIC_SUBPATHS)}.map((s) => require(s));
  hooks[0].check({}, { __resourceName: "p", schedule: { times: ["25:00"] }, retention: { maxBackups: 7 } }).then((result) => {
    const files = Object.keys(require.cache);
    const under = (dir) => files.filter((f) => f.includes(dir)).map((f) => f.slice(f.indexOf(dir) + dir.length));
    console.log(JSON.stringify({
      source: require("pulumi-csbs/dist/provider/packaged/bundled-hooks.js").hooksSource(),
      samePolicyHooks: hooks[0] === hooks[3],
      sameAssociationHooks: hooks[1] === hooks[4],
      checkRules: (result.failures ?? []).map((f) => f.reason),
      loadedProviderFiles: under("/node_modules/pulumi-csbs/dist/provider/"),
      loadedZodFiles: under("/node_modules/zod/"),
    }));
    setTimeout(() => process.exit(0), 800); // past the code cache's save
  });
`;

describe("the hooks as an installed package serves them", function () {
  this.timeout(180_000);
  let base: string;
  let cacheHome: string;

  before(async () => {
    base = await programBase();
  });
  beforeEach(() => {
    cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), "hooks-cache-"));
  });
  afterEach(() => fs.rmSync(cacheHome, { recursive: true, force: true }));

  function loadEverySubpath(env: NodeJS.ProcessEnv = {}): LoadReport {
    const out = execFileSync(process.execPath, ["-e", LOAD_EVERY_SUBPATH], {
      cwd: base,
      encoding: "utf8",
      env: { ...process.env, XDG_CACHE_HOME: cacheHome, [CODE_CACHE_ENV]: "", ...env },
    });
    return JSON.parse(out) as LoadReport;
  }

  it("serves every public hooks subpath from one bundle: one copy of the provider per process", () => {
    const report = loadEverySubpath();
    assert.deepEqual(report.source, { from: "bundle", cache: "miss" });
    assert.equal(report.samePolicyHooks, true);
    assert.equal(report.sameAssociationHooks, true);
    // The check ran in the bundle, zod included: it judged the schedule.
    assert.ok(report.checkRules.length > 0, "the policy check reported its failures");
    // Nothing of the provider but the bundle and its loader; the bundle carries zod (the lazy stand-in of zod's
    // translations index is the one entry, put in the module cache by the provider, never read from disk).
    assert.deepEqual(report.loadedProviderFiles.filter((f) => !f.startsWith("packaged/")), []);
    assert.ok(report.loadedProviderFiles.includes("packaged/hooks.bundle.js"));
    assert.deepEqual(report.loadedZodFiles, ["v4/locales/index.cjs"]);
  });

  it("compiles the bundle from the code cache that the process before saved, under XDG_CACHE_HOME", () => {
    assert.deepEqual(loadEverySubpath().source, { from: "bundle", cache: "miss" });
    const files = fs.readdirSync(path.join(cacheHome, "pulumi-csbs", "code-cache"));
    assert.equal(files.length, 1);
    assert.match(files[0], new RegExp(`-${process.version}-${process.arch}\\.v8$`));
    assert.deepEqual(loadEverySubpath().source, { from: "bundle", cache: "hit" });
  });

  it(`writes no cache with ${CODE_CACHE_ENV}=off`, () => {
    assert.deepEqual(loadEverySubpath({ [CODE_CACHE_ENV]: "off" }).source, { from: "bundle", cache: "off" });
    assert.equal(fs.existsSync(path.join(cacheHome, "pulumi-csbs")), false);
  });

  it("in a checkout, loads the hooks modules themselves (its dist/ may hold a bundle of older modules)", () => {
    const pairs = [
      [path.resolve(__dirname, "../../../provider/packaged/policy-hooks.js"), path.resolve(__dirname, "../../../provider/hooks/policy-hooks.js")],
      [path.resolve(__dirname, "../../../provider/packaged/association-hooks.js"), path.resolve(__dirname, "../../../provider/hooks/association-hooks.js")],
      [path.resolve(__dirname, "../../../provider/packaged/server-backup-hooks.js"), path.resolve(__dirname, "../../../provider/hooks/server-backup-hooks.js")],
    ];
    const report = inFreshProcess<{ source: unknown; same: boolean[] }>(DIST, `
      const same = ${JSON.stringify(pairs)}.map(([packaged, hooks]) => require(packaged) === require(hooks));
      report = { source: require(${JSON.stringify(path.join(DIST, "provider", "packaged", "bundled-hooks.js"))}).hooksSource(), same };`);
    assert.deepEqual(report, { source: { from: "modules" }, same: [true, true, true] });
  });
});

describe("which copies count as installed", () => {
  let work: string;
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "installed-copy-"));
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  const packagedDir = (root: string) => {
    const dir = path.join(root, "dist", "provider", "packaged");
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };

  it("a package under node_modules (npm, or pnpm's store) is installed", () => {
    assert.equal(isInstalledCopy(packagedDir(path.join(work, "app", "node_modules", "pulumi-csbs"))), true);
    assert.equal(isInstalledCopy(packagedDir(path.join(work, "node_modules", ".pnpm", "pulumi-csbs@0.1.0", "node_modules", "pulumi-csbs"))), true);
  });

  it("a checkout, and a package linked into node_modules from a checkout, are not", () => {
    const checkout = path.join(work, "repo");
    const dir = packagedDir(checkout);
    assert.equal(isInstalledCopy(dir), false);
    fs.mkdirSync(path.join(work, "app", "node_modules"), { recursive: true });
    fs.symlinkSync(checkout, path.join(work, "app", "node_modules", "pulumi-csbs"));
    assert.equal(isInstalledCopy(path.join(work, "app", "node_modules", "pulumi-csbs", "dist", "provider", "packaged")), false);
  });

  it("a directory that does not exist is not", () => {
    assert.equal(isInstalledCopy(path.join(work, "missing")), false);
  });
});
