/**
 * Loaded (for its effect) before zod's first load by {@link ./zod}: every entry point of zod 4 (`zod`,
 * `zod/mini`, `zod/v4/core`) requires `v4/locales/index.cjs`, which requires all 64 translations: 64 of the 95
 * modules zod loads, about half of its load time (≈ 20 ms of every provider process). The classic schemas use
 * only English, and require `locales/en.cjs` themselves. This puts a stand-in for that index into Node's module
 * cache: the same names, each translation required when first read (`z.locales.fr()` still works). Schemas,
 * messages and error shapes stay zod's own. When zod is already loaded (a program that uses it too), nothing
 * is done: the cache then holds the real index.
 */
import * as fs from "node:fs";
import Module = require("node:module");
import * as path from "node:path";

/** The name zod's index exports a translation under: the file name in camel case (`fr-CA.cjs` → `frCA`). */
export function localeExportName(file: string): string {
  return file.replace(/\.cjs$/, "").replace(/-([A-Za-z])/g, (_, c: string) => c.toUpperCase());
}

/** The translations' files beside the index (every `.cjs` but the index itself). */
function localeFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith(".cjs") && f !== "index.cjs");
}

function lazyLocales(dir: string): Record<string, unknown> {
  const exports: Record<string, unknown> = {};
  // As zod's own compiled index: an ES module's namespace, which zod's `__importStar` takes as it is.
  Object.defineProperty(exports, "__esModule", { value: true });
  for (const file of localeFiles(dir)) {
    Object.defineProperty(exports, localeExportName(file), {
      enumerable: true,
      get: () => {
        const mod = require(path.join(dir, file)) as { __esModule?: boolean; default?: unknown };
        return mod.__esModule ? mod.default : mod;
      },
    });
  }
  return exports;
}

/** Installs the stand-in unless the real index (or a stand-in) is already cached; returns whether it did. */
export function installLazyLocales(): boolean {
  const index = require.resolve("zod/v4/locales");
  if (require.cache[index] !== undefined) return false;
  const stand = new Module(index, module);
  stand.filename = index;
  stand.exports = lazyLocales(path.dirname(index));
  stand.loaded = true;
  require.cache[index] = stand;
  return true;
}

installLazyLocales();
