import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as fc from "fast-check";
import { capturedAsPackageRequire } from "../../../sdk/provider-loaders/module-capture";

const LOADER = "dist/sdk/provider-loaders/association.js";

describe("which installs Pulumi serializes a loader module of as a require of the package", () => {
  it("is so for npm and yarn installs: the program's own node_modules, or one of a directory above it", () => {
    assert.equal(capturedAsPackageRequire(`/app/node_modules/pulumi-csbs/${LOADER}`, "/app", path.posix), true);
    assert.equal(capturedAsPackageRequire(`/repo/node_modules/pulumi-csbs/${LOADER}`, "/repo/infra/prod", path.posix), true);
  });

  it("is not so under pnpm, whose real paths hold the version, nor for a copy nested in another package", () => {
    assert.equal(capturedAsPackageRequire(`/app/node_modules/.pnpm/pulumi-csbs@0.1.0/node_modules/pulumi-csbs/${LOADER}`, "/app", path.posix), false);
    assert.equal(capturedAsPackageRequire(`/app/node_modules/acme-infra/node_modules/pulumi-csbs/${LOADER}`, "/app", path.posix), false);
  });

  it("is not so for a linked package, whose real path has no node_modules, nor for another package", () => {
    assert.equal(capturedAsPackageRequire(`/src/pulumi-csbs/${LOADER}`, "/app", path.posix), false);
    assert.equal(capturedAsPackageRequire(`/app/node_modules/pulumi-csbs-extra/${LOADER}`, "/app", path.posix), false);
  });

  it("reads Windows paths with their own separator", () => {
    assert.equal(capturedAsPackageRequire(`C:\\app\\node_modules\\pulumi-csbs\\dist\\sdk\\provider-loaders\\policy.js`, "C:\\app", path.win32), true);
    assert.equal(capturedAsPackageRequire(`C:\\src\\pulumi-csbs\\dist\\sdk\\provider-loaders\\policy.js`, "C:\\app", path.win32), false);
  });

  it("is so exactly when the first node_modules below the common root is followed by pulumi-csbs, at any depth", () => {
    const segment = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 3 }), fc.array(segment, { maxLength: 3 }), segment, (root, program, pkg) => {
        const base = "/" + root.join("/");
        const file = path.posix.join(base, "node_modules", pkg, LOADER);
        assert.equal(capturedAsPackageRequire(file, path.posix.join(base, ...program), path.posix), pkg === "pulumi-csbs");
      }),
    );
  });
});
