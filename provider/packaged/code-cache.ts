/**
 * Runs a CommonJS file through a V8 code cache kept in the user's cache directory. Every `pulumi up`, `preview` and
 * `refresh` starts a new dynamic-provider process, and each would parse and compile the same hooks again; Node 20
 * has no compile cache of its own (`module.enableCompileCache` comes with Node 22), so this is written here.
 *
 * The cache is only an optimisation: any failure to read, trust or write it leaves the code compiled from source.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import Module, { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";

/** Turns the cache off when set to "off". */
export const CODE_CACHE_ENV = "PULUMI_CSBS_CODE_CACHE";

/** How a file was compiled. */
export type CacheUse =
  /** from a cache file V8 accepted */
  | "hit"
  /** no cache file for this source, Node and architecture yet */
  | "miss"
  /** a cache file that V8 refused (another V8 build or flags, or a damaged file) */
  | "rejected"
  /** the directory is not the user's own or others may write to it: not read, not written */
  | "untrusted"
  /** turned off by the caller or by PULUMI_CSBS_CODE_CACHE=off */
  | "off";

export interface CodeCacheOptions {
  /** Where cache files are kept. @default {@link defaultCacheDir} */
  dir?: string;
  /** @default true, unless PULUMI_CSBS_CODE_CACHE is "off" */
  enabled?: boolean;
}

export interface CachedLoad<T> {
  exports: T;
  cache: CacheUse;
  /** The cache file for this source (whether or not it exists yet); undefined when the cache is not used. */
  cacheFile?: string;
  /**
   * Writes the cache of everything V8 has compiled of the file so far (called after the code has run, the cache
   * also holds the functions that ran). Only after a miss or a refused file; returns the file written, or undefined.
   */
  save(): string | undefined;
}

/** `$XDG_CACHE_HOME/pulumi-csbs/code-cache`, else `~/.cache/pulumi-csbs/code-cache`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), ".cache");
  return path.join(base, "pulumi-csbs", "code-cache");
}

/**
 * The cache file's name: a digest of the source with the Node version and architecture, so that a changed file or
 * another Node never meets an old cache (V8 checks only the source's length, and its own version and flags).
 */
export function cacheFileName(source: string | Buffer, nodeVersion = process.version, arch = process.arch): string {
  const digest = createHash("sha256").update(`${nodeVersion}\0${arch}\0`).update(source).digest("hex").slice(0, 32);
  return `${digest}-${nodeVersion}-${arch}.v8`;
}

/**
 * Whether a cache directory may be read: owned by this user and not writable by group or others, since whoever can
 * write a cache file decides what code runs. Creates it (mode 0700) when missing.
 */
export function trustedCacheDir(dir: string): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.statSync(dir);
    if (!stat.isDirectory()) return false;
    const uid = process.getuid?.();
    return (uid === undefined || stat.uid === uid) && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** Runs `file` (CommonJS) as `require` would, compiled from its code cache when there is a usable one. */
export function loadWithCodeCache<T>(file: string, options: CodeCacheOptions = {}): CachedLoad<T> {
  // Read once: the digest is taken of the bytes (a string would be encoded to UTF-8 again for it), the script of the text.
  const bytes = fs.readFileSync(file);
  const source = bytes.toString("utf8");
  const enabled = options.enabled ?? process.env[CODE_CACHE_ENV] !== "off";
  const dir = options.dir ?? defaultCacheDir();
  const trusted = enabled && trustedCacheDir(dir);
  const cacheFile = trusted ? path.join(dir, cacheFileName(bytes)) : undefined;
  const cachedData = cacheFile ? readIfPresent(cacheFile) : undefined;

  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const mod = new Module(file);
  mod.filename = file;
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  // In the module cache as `require` would put it (before running, for cycles): a later `require` of the same file
  // gets this copy, not a second one.
  require.cache[file] = mod;
  try {
    run.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  } catch (err) {
    delete require.cache[file];
    throw err;
  }
  mod.loaded = true;

  const cache: CacheUse = !enabled ? "off" : !trusted ? "untrusted" : cachedData === undefined ? "miss" : script.cachedDataRejected ? "rejected" : "hit";
  let saved = false;
  return {
    exports: mod.exports as T,
    cache,
    cacheFile,
    save() {
      if (saved || !cacheFile || (cache !== "miss" && cache !== "rejected")) return undefined;
      saved = true;
      return writeAtomically(cacheFile, script.createCachedData()) ? cacheFile : undefined;
    },
  };
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

// Several provider processes may start at once: each writes its own temporary file and renames it, so a reader
// sees either no file or a whole one.
function writeAtomically(file: string, data: Buffer): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, file);
    return true;
  } catch {
    fs.rmSync(tmp, { force: true });
    return false;
  }
}
