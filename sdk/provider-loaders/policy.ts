/** The dynamic provider of `BackupPolicy` (`pulumi-csbs/provider-loaders/policy`): see ../provider-loader.ts. */
import { hooksLoader } from "./hooks-loader";

export = hooksLoader("pulumi-csbs/provider/policy-hooks");
