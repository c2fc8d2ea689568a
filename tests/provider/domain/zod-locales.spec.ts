import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { localeExportName } from "../../../provider/domain/zod-locales";

const DIST = path.resolve(__dirname, "../../..");

/** What a fresh process prints after running `script` (a CommonJS body; `dist` is the compiled tree). */
function inFreshProcess<T>(script: string): T {
  const body = `const dist = ${JSON.stringify(DIST)}; const path = require("node:path");\n${script}`;
  return JSON.parse(execFileSync(process.execPath, ["-e", body], { encoding: "utf8", cwd: DIST })) as T;
}

/** A process's view of zod: the locale modules it loaded, the names `z.locales` has, and two of zod's own messages. */
interface ZodView {
  localeFiles: string[];
  localeNames: string[];
  english: string;
  french: string;
}

const VIEW = `
  const english = z.string().safeParse(1).error.issues[0].message;
  const dir = path.join("zod", "v4", "locales") + path.sep;
  const localesLoaded = Object.keys(require.cache).filter((f) => f.includes(dir)).map((f) => path.basename(f));
  const localeNames = Object.keys(z.locales).sort();
  z.config(z.locales.fr());
  const french = z.string().safeParse(1).error.issues[0].message;
  z.config(z.locales.en());
  console.log(JSON.stringify({ localeFiles: localesLoaded.sort(), localeNames, english, french }));`;

describe("zod without its translations (provider/domain/zod-locales.ts)", () => {
  it("loads only zod's English locale with the provider's schemas, where zod itself loads all 64", () => {
    const ours = inFreshProcess<ZodView>(`require(path.join(dist, "provider/domain/policy-inputs.js")); const { z } = require(path.join(dist, "provider/domain/zod.js"));${VIEW}`);
    const zods = inFreshProcess<ZodView>(`const { z } = require("zod");${VIEW}`);
    // Listed before the view asks for a translation; index.cjs is the stand-in's entry.
    assert.deepEqual(ours.localeFiles, ["en.cjs", "index.cjs"]);
    assert.ok(zods.localeFiles.length > 60, `zod's own index loaded ${zods.localeFiles.length} locale files`);
  });

  it("keeps z.locales as zod has it: the same names, each translation working when first read", () => {
    const ours = inFreshProcess<ZodView>(`const { z } = require(path.join(dist, "provider/domain/zod.js"));${VIEW}`);
    const zods = inFreshProcess<ZodView>(`const { z } = require("zod");${VIEW}`);
    assert.deepEqual(ours.localeNames, zods.localeNames);
    assert.equal(ours.english, zods.english);
    assert.equal(ours.french, zods.french);
    assert.notEqual(ours.french, ours.english);
  });

  it("names a translation as zod's index does: the file name in camel case", () => {
    assert.equal(localeExportName("fr-CA.cjs"), "frCA");
    assert.equal(localeExportName("zh-TW.cjs"), "zhTW");
    assert.equal(localeExportName("en.cjs"), "en");
  });
});
