/** `pulumi-csbs/provider/policy-hooks`: the policy hooks, out of the one copy of the provider (./bundled-hooks). */
import { bundledHooks } from "./bundled-hooks";

export = bundledHooks().policy;
