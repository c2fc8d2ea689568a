/** `pulumi-csbs/provider/association-hooks`: the association hooks, out of the one copy of the provider (./bundled-hooks). */
import { bundledHooks } from "./bundled-hooks";

export = bundledHooks().association;
