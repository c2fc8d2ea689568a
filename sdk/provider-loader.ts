/**
 * The provider objects Pulumi serializes into state. Each method only `require`s the installed hooks module
 * by a string literal, so the serialized text is tiny, holds neither our code nor any secret, never grows
 * with the program, and `refresh`/`destroy` run whatever version of pulumi-csbs is installed. The paths are
 * the package's public `exports` subpaths, so the files behind them may move; state written by 0.1.0 names
 * `pulumi-csbs/dist/provider/hooks/*.js`, which `exports` keeps resolving too.
 *
 * Keep every method self-contained: no helper functions, no captured constants, no `this`. Anything
 * referenced from outside a method body would be serialized by value into every resource's state.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The dynamic provider of `BackupPolicy`: a loader of `pulumi-csbs/provider/policy-hooks`. */
export const policyProvider: pulumi.dynamic.ResourceProvider = {
  configure: (req) => require("pulumi-csbs/provider/policy-hooks").configure(req),
  check: (olds, news) => require("pulumi-csbs/provider/policy-hooks").check(olds, news),
  diff: (id, olds, news) => require("pulumi-csbs/provider/policy-hooks").diff(id, olds, news),
  create: (inputs) => require("pulumi-csbs/provider/policy-hooks").create(inputs),
  read: (id, props) => require("pulumi-csbs/provider/policy-hooks").read(id, props),
  update: (id, olds, news) => require("pulumi-csbs/provider/policy-hooks").update(id, olds, news),
  delete: (id, props) => require("pulumi-csbs/provider/policy-hooks").delete(id, props),
};

/** The dynamic provider of `PolicyAssociation`: a loader of `pulumi-csbs/provider/association-hooks`. */
export const associationProvider: pulumi.dynamic.ResourceProvider = {
  configure: (req) => require("pulumi-csbs/provider/association-hooks").configure(req),
  check: (olds, news) => require("pulumi-csbs/provider/association-hooks").check(olds, news),
  diff: (id, olds, news) => require("pulumi-csbs/provider/association-hooks").diff(id, olds, news),
  create: (inputs) => require("pulumi-csbs/provider/association-hooks").create(inputs),
  read: (id, props) => require("pulumi-csbs/provider/association-hooks").read(id, props),
  update: (id, olds, news) => require("pulumi-csbs/provider/association-hooks").update(id, olds, news),
  delete: (id, props) => require("pulumi-csbs/provider/association-hooks").delete(id, props),
};

/** The dynamic provider of `ServerBackup`: a loader of `pulumi-csbs/provider/server-backup-hooks`. */
export const serverBackupProvider: pulumi.dynamic.ResourceProvider = {
  configure: (req) => require("pulumi-csbs/provider/server-backup-hooks").configure(req),
  check: (olds, news) => require("pulumi-csbs/provider/server-backup-hooks").check(olds, news),
  diff: (id, olds, news) => require("pulumi-csbs/provider/server-backup-hooks").diff(id, olds, news),
  create: (inputs) => require("pulumi-csbs/provider/server-backup-hooks").create(inputs),
  read: (id, props) => require("pulumi-csbs/provider/server-backup-hooks").read(id, props),
  delete: (id, props) => require("pulumi-csbs/provider/server-backup-hooks").delete(id, props),
};
