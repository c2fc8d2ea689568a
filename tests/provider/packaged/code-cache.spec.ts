import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CODE_CACHE_ENV, cacheFileName, defaultCacheDir, trustedCacheDir } from "../../../provider/packaged/code-cache";

const CODE_CACHE = path.resolve(__dirname, "../../../provider/packaged/code-cache.js");

/** Loads `file` through the code cache in a fresh process (as a provider process would), saves, and reports. */
function loadInFreshProcess(file: string, dir: string, env: NodeJS.ProcessEnv = {}): { cache: string; saved: string | null; answer: unknown } {
  const script = `
    const { loadWithCodeCache } = require(${JSON.stringify(CODE_CACHE)});
    const load = loadWithCodeCache(${JSON.stringify(file)}, { dir: ${JSON.stringify(dir)} });
    const answer = load.exports.answer();
    console.log(JSON.stringify({ cache: load.cache, saved: load.save() ?? null, answer }));`;
  const out = execFileSync(process.execPath, ["-e", script], { encoding: "utf8", env: { ...process.env, [CODE_CACHE_ENV]: "", ...env } });
  return JSON.parse(out) as { cache: string; saved: string | null; answer: unknown };
}

describe("the code cache of the provider's bundle", () => {
  let work: string;
  let cacheDir: string;
  let file: string;

  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "code-cache-"));
    cacheDir = path.join(work, "cache");
    file = path.join(work, "lib", "module.js");
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(path.join(work, "lib", "sibling.js"), "module.exports = 40;");
    // Runs as a CommonJS module: its own exports, require relative to its file, __dirname.
    fs.writeFileSync(file, "const two = () => 2;\nexports.answer = () => ({ n: require('./sibling') + two(), dir: __dirname });\n");
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  it("compiles from source the first time, then from the cache file it saved", () => {
    const first = loadInFreshProcess(file, cacheDir);
    assert.equal(first.cache, "miss");
    assert.deepEqual(first.answer, { n: 42, dir: path.dirname(file) });
    assert.ok(first.saved && fs.existsSync(first.saved), "the cache file was written");
    assert.equal(fs.statSync(first.saved).mode & 0o777, 0o600);
    assert.equal(fs.statSync(cacheDir).mode & 0o777, 0o700);

    const second = loadInFreshProcess(file, cacheDir);
    assert.equal(second.cache, "hit");
    assert.deepEqual(second.answer, { n: 42, dir: path.dirname(file) });
    assert.equal(second.saved, null, "a hit leaves the file as it is");
  });

  it("is the copy a later require of the same file gets", () => {
    const script = `
      const { loadWithCodeCache } = require(${JSON.stringify(CODE_CACHE)});
      const load = loadWithCodeCache(${JSON.stringify(file)}, { dir: ${JSON.stringify(cacheDir)} });
      console.log(require(${JSON.stringify(file)}) === load.exports);`;
    assert.equal(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim(), "true");
  });

  it("runs the code when V8 refuses a damaged cache file, and replaces the file", () => {
    fs.mkdirSync(cacheDir, { mode: 0o700 });
    const cacheFile = path.join(cacheDir, cacheFileName(fs.readFileSync(file, "utf8")));
    fs.writeFileSync(cacheFile, Buffer.from("not a V8 code cache"));
    const damaged = loadInFreshProcess(file, cacheDir);
    assert.equal(damaged.cache, "rejected");
    assert.deepEqual(damaged.answer, { n: 42, dir: path.dirname(file) });
    assert.equal(damaged.saved, cacheFile);
    assert.equal(loadInFreshProcess(file, cacheDir).cache, "hit");
  });

  it("never gives a changed source the old cache", () => {
    loadInFreshProcess(file, cacheDir);
    fs.appendFileSync(file, "exports.more = 1;\n");
    const changed = loadInFreshProcess(file, cacheDir);
    assert.equal(changed.cache, "miss");
    assert.equal(fs.readdirSync(cacheDir).length, 2, "one file per source");
  });

  it("neither reads nor writes a directory that others may write to", () => {
    loadInFreshProcess(file, cacheDir);
    fs.chmodSync(cacheDir, 0o777);
    const before = fs.readdirSync(cacheDir);
    const open = loadInFreshProcess(file, cacheDir);
    assert.equal(open.cache, "untrusted");
    assert.equal(open.saved, null);
    assert.deepEqual(open.answer, { n: 42, dir: path.dirname(file) });
    assert.deepEqual(fs.readdirSync(cacheDir), before);
  });

  it("neither reads nor writes a directory of another user", () => {
    let theirs = "/";
    if (process.getuid?.() === 0) {
      theirs = path.join(work, "theirs");
      fs.mkdirSync(theirs, { mode: 0o700 });
      fs.chownSync(theirs, 65534, 65534);
    }
    assert.notEqual(fs.statSync(theirs).uid, process.getuid?.());
    assert.equal(trustedCacheDir(theirs), false);
    const other = loadInFreshProcess(file, theirs);
    assert.equal(other.cache, "untrusted");
    assert.deepEqual(other.answer, { n: 42, dir: path.dirname(file) });
  });

  it("runs the code when the cache directory cannot be made", () => {
    fs.writeFileSync(path.join(work, "a-file"), "");
    const blocked = loadInFreshProcess(file, path.join(work, "a-file", "cache"));
    assert.equal(blocked.cache, "untrusted");
    assert.deepEqual(blocked.answer, { n: 42, dir: path.dirname(file) });
  });

  it(`is off, and makes no directory, with ${CODE_CACHE_ENV}=off`, () => {
    const off = loadInFreshProcess(file, cacheDir, { [CODE_CACHE_ENV]: "off" });
    assert.equal(off.cache, "off");
    assert.equal(off.saved, null);
    assert.deepEqual(off.answer, { n: 42, dir: path.dirname(file) });
    assert.equal(fs.existsSync(cacheDir), false);
  });

  it("keeps its files under XDG_CACHE_HOME when that is an absolute path, else under ~/.cache", () => {
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: "/var/cache/me" }), path.join("/var/cache/me", "pulumi-csbs", "code-cache"));
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: "relative/dir" }), path.join(os.homedir(), ".cache", "pulumi-csbs", "code-cache"));
    assert.equal(defaultCacheDir({}), path.join(os.homedir(), ".cache", "pulumi-csbs", "code-cache"));
  });

  it("names a cache file by the source, the Node version and the architecture", () => {
    const names = new Set([cacheFileName("a"), cacheFileName("b"), cacheFileName("a", "v99.0.0"), cacheFileName("a", undefined, "arm64")]);
    assert.equal(names.size, 4);
    assert.equal(cacheFileName("a"), cacheFileName("a"));
    assert.equal(cacheFileName(Buffer.from("é")), cacheFileName("é"), "the bytes of a file name it as its text does");
  });

  it("trusts a directory it made itself", () => {
    assert.equal(trustedCacheDir(path.join(work, "new", "dir")), true);
    assert.equal(fs.statSync(path.join(work, "new", "dir")).mode & 0o777, 0o700);
  });
});
