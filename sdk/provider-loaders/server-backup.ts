/** The dynamic provider of `ServerBackup` (`pulumi-csbs/provider-loaders/server-backup`): see ../provider-loader.ts. */
import { ALL_HOOK_METHODS, hooksLoader } from "./hooks-loader";

// No update: every change of a ServerBackup replaces it.
export = hooksLoader("pulumi-csbs/provider/server-backup-hooks", ALL_HOOK_METHODS.filter((m) => m !== "update"));
