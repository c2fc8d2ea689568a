/**
 * Whether Pulumi (3.248) will serialize a module of this package as a `require` that keeps working. Its closure
 * serializer names a captured module by the module's real path relative to the program's directory: the part after
 * the first `node_modules` segment, mapped back through the package's `exports`. That gives
 * `pulumi-csbs/provider-loaders/<type>` only when that segment is followed by `pulumi-csbs`. Under pnpm the real path
 * is `node_modules/.pnpm/pulumi-csbs@<version>/node_modules/pulumi-csbs/…`, which this serializer does not map back
 * to the package (a later SDK does: pulumi/pulumi#23767); a package nested in another's node_modules would be named
 * through that other package; a linked package has no `node_modules` in its real path and is serialized by value.
 */
import * as path from "node:path";

/** True when the module at `file` (a real path) is serialized as `require("pulumi-csbs/…")` from a program in `cwd`. */
export function capturedAsPackageRequire(file: string, cwd: string, pathApi: Pick<typeof path, "relative" | "sep"> = path): boolean {
  const parts = pathApi.relative(cwd, file).split(pathApi.sep);
  const first = parts.indexOf("node_modules");
  return first >= 0 && parts[first + 1] === "pulumi-csbs";
}
