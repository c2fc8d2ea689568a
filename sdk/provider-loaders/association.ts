/** The dynamic provider of `PolicyAssociation` (`pulumi-csbs/provider-loaders/association`): see ../provider-loader.ts. */
import { hooksLoader } from "./hooks-loader";

export = hooksLoader("pulumi-csbs/provider/association-hooks");
