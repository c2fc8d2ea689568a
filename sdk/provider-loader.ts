/**
 * The provider objects Pulumi serializes into every resource's state (`__provider`, in its inputs and again in its
 * outputs). Each is the exports object of a module of `provider-loaders/`: Pulumi serializes a module that the
 * program loaded from its node_modules as a `require` of the module's public `exports` subpath, so the state holds
 * `require("pulumi-csbs/provider-loaders/association")` and little else (≈ 280 characters against ≈ 2 200 for a
 * provider object serialized method by method). The engine rewrites the whole state at every step of an update,
 * so this text, times two, times every resource, is what a large stack pays on each step.
 *
 * The text holds neither our code nor any secret, never changes with the program, and `refresh`/`destroy` run
 * whatever version of pulumi-csbs is installed. Where the package is not under node_modules (linked), Pulumi
 * serializes the module's object by value instead: its methods capture only the hooks' subpath and method name.
 *
 * State written before names `pulumi-csbs/provider/*-hooks` (and 0.1.0's `pulumi-csbs/dist/provider/hooks/*.js`)
 * in a provider serialized method by method; `exports` keeps every one of those subpaths resolving.
 */
import type * as pulumi from "@pulumi/pulumi";
import associationLoader = require("./provider-loaders/association");
import policyLoader = require("./provider-loaders/policy");
import serverBackupLoader = require("./provider-loaders/server-backup");

/** The dynamic provider of `BackupPolicy`: `pulumi-csbs/provider-loaders/policy`. */
export const policyProvider: pulumi.dynamic.ResourceProvider = policyLoader;

/** The dynamic provider of `PolicyAssociation`: `pulumi-csbs/provider-loaders/association`. */
export const associationProvider: pulumi.dynamic.ResourceProvider = associationLoader;

/** The dynamic provider of `ServerBackup`: `pulumi-csbs/provider-loaders/server-backup`. */
export const serverBackupProvider: pulumi.dynamic.ResourceProvider = serverBackupLoader;
