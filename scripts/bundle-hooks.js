#!/usr/bin/env node
// Bundles the provider's hooks (dist/provider/packaged/hooks-entry.js, with zod) into one file,
// dist/provider/packaged/hooks.bundle.js, that an installed package loads (provider/packaged/bundled-hooks.ts). Run
// right before every `npm pack` (prepack, install-self, the tests' program base), after tsc, so a package never
// holds a bundle older than its modules.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const esbuild = require("esbuild");

const root = path.resolve(__dirname, "..");
const packaged = path.join(root, "dist", "provider", "packaged");

/** Left to Node at run time: the engine's own packages, and what only some configurations load. */
const EXTERNAL = ["@pulumi/pulumi", "@pulumi/pulumi/*", "@grpc/grpc-js", "yaml", "zod/v4/locales"];

// zod's index loads every translation; the provider's zod-locales module puts a lazy stand-in for zod's own
// locales index in require.cache. The bundled zod must ask Node for that same index, not carry its own copy.
const zodLocalesFromNode = {
  name: "zod-locales-from-node",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.cjs$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: "zod/v4/locales", external: true } : undefined,
    );
  },
};

async function bundleHooks() {
  const entry = path.join(packaged, "hooks-entry.js");
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run tsc first (npm run build)`);
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: EXTERNAL,
    plugins: [zodLocalesFromNode],
    write: false,
    logLevel: "error",
  });
  const out = path.join(packaged, "hooks.bundle.js");
  // Test workers pack at the same time: each renames a whole file into place.
  const tmp = `${out}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, result.outputFiles[0].contents);
  fs.renameSync(tmp, out);
  return out;
}

module.exports = { bundleHooks };

if (require.main === module) {
  bundleHooks().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
