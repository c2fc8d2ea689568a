/**
 * The provider objects Pulumi serializes into every resource's state (`__provider`, in its inputs and again in its
 * outputs). Each is the exports object of a module of `provider-loaders/`: Pulumi serializes a module that the
 * program loaded from its node_modules as a `require` of the module's public `exports` subpath, so the state holds
 * `require("pulumi-csbs/provider-loaders/association")` and little else (≈ 280 characters against ≈ 2 200 for a
 * provider object serialized method by method). The engine rewrites the whole state at every step of an update,
 * so this text, times two, times every resource, is what a large stack pays on each step.
 *
 * The text holds neither our code nor any secret, never changes with the program, and `refresh`/`destroy` run
 * whatever version of pulumi-csbs is installed. Where Pulumi would not name the module by the package
 * (provider-loaders/module-capture.ts: pnpm, a nested or a linked package), the SDK hands it a copy of the module's
 * object, serialized by value: its methods capture only the hooks' subpath and method name.
 *
 * State written before names `pulumi-csbs/provider/*-hooks` (and 0.1.0's `pulumi-csbs/dist/provider/hooks/*.js`)
 * in a provider serialized method by method; `exports` keeps every one of those subpaths resolving.
 */
import type * as pulumi from "@pulumi/pulumi";
import associationLoader = require("./provider-loaders/association");
import { capturedAsPackageRequire } from "./provider-loaders/module-capture";
import policyLoader = require("./provider-loaders/policy");
import serverBackupLoader = require("./provider-loaders/server-backup");

/**
 * The loader module's own exports where Pulumi serializes them as a `require` of the package; elsewhere (pnpm, a
 * nested or linked package) a copy of them, which is not a module, so Pulumi serializes it by value.
 */
function serializable(loader: pulumi.dynamic.ResourceProvider, request: string): pulumi.dynamic.ResourceProvider {
  return capturedAsPackageRequire(require.resolve(request), process.cwd()) ? loader : { ...loader };
}

/** The dynamic provider of `BackupPolicy`: `pulumi-csbs/provider-loaders/policy`. */
export const policyProvider = serializable(policyLoader, "./provider-loaders/policy");

/** The dynamic provider of `PolicyAssociation`: `pulumi-csbs/provider-loaders/association`. */
export const associationProvider = serializable(associationLoader, "./provider-loaders/association");

/** The dynamic provider of `ServerBackup`: `pulumi-csbs/provider-loaders/server-backup`. */
export const serverBackupProvider = serializable(serverBackupLoader, "./provider-loaders/server-backup");
