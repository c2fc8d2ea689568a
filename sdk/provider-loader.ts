/**
 * The provider objects Pulumi serializes into state. Each method only `require`s the installed hooks module
 * by a string literal, so the serialized text is tiny, holds neither our code nor any secret, never grows
 * with the program, and `refresh`/`destroy` run whatever version of pulumi-csbs is installed.
 *
 * Keep every method self-contained: no helper functions, no captured constants, no `this`. Anything
 * referenced from outside a method body would be serialized by value into every resource's state.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The dynamic provider of `BackupPolicy`: a loader of `pulumi-csbs/dist/provider/hooks/policy-hooks.js`. */
export const policyProvider: pulumi.dynamic.ResourceProvider = {
  configure: (req) => require("pulumi-csbs/dist/provider/hooks/policy-hooks.js").configure(req),
  check: (olds, news) => require("pulumi-csbs/dist/provider/hooks/policy-hooks.js").check(olds, news),
  diff: (id, olds, news) => require("pulumi-csbs/dist/provider/hooks/policy-hooks.js").diff(id, olds, news),
  create: (inputs) => require("pulumi-csbs/dist/provider/hooks/policy-hooks.js").create(inputs),
  read: (id, props) => require("pulumi-csbs/dist/provider/hooks/policy-hooks.js").read(id, props),
  update: (id, olds, news) => require("pulumi-csbs/dist/provider/hooks/policy-hooks.js").update(id, olds, news),
  delete: (id, props) => require("pulumi-csbs/dist/provider/hooks/policy-hooks.js").delete(id, props),
};

/** The dynamic provider of `PolicyAssociation`: a loader of `pulumi-csbs/dist/provider/hooks/association-hooks.js`. */
export const associationProvider: pulumi.dynamic.ResourceProvider = {
  configure: (req) => require("pulumi-csbs/dist/provider/hooks/association-hooks.js").configure(req),
  check: (olds, news) => require("pulumi-csbs/dist/provider/hooks/association-hooks.js").check(olds, news),
  diff: (id, olds, news) => require("pulumi-csbs/dist/provider/hooks/association-hooks.js").diff(id, olds, news),
  create: (inputs) => require("pulumi-csbs/dist/provider/hooks/association-hooks.js").create(inputs),
  read: (id, props) => require("pulumi-csbs/dist/provider/hooks/association-hooks.js").read(id, props),
  update: (id, olds, news) => require("pulumi-csbs/dist/provider/hooks/association-hooks.js").update(id, olds, news),
  delete: (id, props) => require("pulumi-csbs/dist/provider/hooks/association-hooks.js").delete(id, props),
};
