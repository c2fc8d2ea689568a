/** `pulumi-csbs/provider/server-backup-hooks`: the server-backup hooks, out of the one copy of the provider (./bundled-hooks). */
import { bundledHooks } from "./bundled-hooks";

export = bundledHooks().serverBackup;
