/**
 * The hooks as an installed package serves them: one esbuild bundle of ./hooks-entry and zod (written next to this
 * file by scripts/bundle-hooks.js whenever the package is packed), compiled through the code cache. A new provider
 * process then reads one file instead of about 130 modules (99 of ours and 33 of zod's by the first checks) and,
 * from the second run on, takes from the cache what the first run's hooks compiled.
 *
 * Every public hooks subpath comes here, so a process holds one copy of the provider, and one runtime, whichever
 * loader text its state names. A checkout (a linked package, the tests' own imports) loads the modules themselves:
 * its dist/ may hold a bundle from an earlier pack that no longer matches them.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadWithCodeCache, type CacheUse } from "./code-cache";
import type * as HooksEntry from "./hooks-entry";

export type BundledHooks = typeof HooksEntry;

/** The bundle's file name, next to this module. */
export const BUNDLE_FILE_NAME = "hooks.bundle.js";

// Saved once the first hooks have run, so the cache also holds the functions they compiled; soon, because the
// engine stops a provider process as soon as its last step ends (an up of 64 resources: under 2 s after the first
// check); unref'd, it never keeps a process alive.
const SAVE_AFTER_MS = 500;

/** Where the hooks came from in this process. */
export type HooksSource = { from: "bundle"; cache: CacheUse } | { from: "modules" };

let loaded: { hooks: BundledHooks; source: HooksSource } | undefined;

/** The hooks of every resource type, loaded once per process. */
export function bundledHooks(): BundledHooks {
  loaded ??= load(__dirname);
  return loaded.hooks;
}

/** How this process loaded its hooks (undefined before the first hook). */
export function hooksSource(): HooksSource | undefined {
  return loaded?.source;
}

function load(dir: string): { hooks: BundledHooks; source: HooksSource } {
  const bundle = path.join(dir, BUNDLE_FILE_NAME);
  if (!isInstalledCopy(dir) || !fs.existsSync(bundle)) {
    return { hooks: require("./hooks-entry") as BundledHooks, source: { from: "modules" } };
  }
  const result = loadWithCodeCache<BundledHooks>(bundle);
  setTimeout(() => result.save(), SAVE_AFTER_MS).unref();
  return { hooks: result.exports, source: { from: "bundle", cache: result.cache } };
}

/** Whether `dir` (…/pulumi-csbs/dist/provider/packaged) lies in a package installed under a node_modules directory. */
export function isInstalledCopy(dir: string): boolean {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    return false;
  }
  const packageRoot = path.resolve(real, "..", "..", "..");
  return path.basename(path.dirname(packageRoot)) === "node_modules";
}
