/**
 * A dynamic provider that holds no code of its own: each method `require`s the installed hooks module when the
 * engine calls it. Nothing is loaded until then, so a program that declares resources never loads the provider.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The methods a dynamic provider may have, as the Node dynamic-provider host calls them. */
export type HookMethod = keyof Required<pulumi.dynamic.ResourceProvider>;

/** Every method; a resource whose every change replaces it leaves out `update`. */
export const ALL_HOOK_METHODS: readonly HookMethod[] = ["configure", "check", "diff", "create", "read", "update", "delete"];

/** A provider whose `methods` call the same methods of `require(hooksSubpath)`, a public subpath of this package. */
export function hooksLoader(hooksSubpath: string, methods: readonly HookMethod[] = ALL_HOOK_METHODS): pulumi.dynamic.ResourceProvider {
  const forward = (method: HookMethod) => (...args: unknown[]) => (require(hooksSubpath) as Hooks)[method](...args);
  // The engine only calls the methods present; which ones are is the caller's list, not something the type knows.
  return Object.fromEntries(methods.map((method) => [method, forward(method)])) as unknown as pulumi.dynamic.ResourceProvider;
}

type Hooks = Record<HookMethod, (...args: unknown[]) => unknown>;
