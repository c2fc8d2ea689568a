/**
 * A PolicyAssociation's `serverSelector`, resolved in `check` (every preview and up) against the project's servers
 * into the sorted id list the diff compares, and the rule failures of that list said in the selector's terms:
 * the user wrote no `serverIds`, so each failure names the matched server and how to leave it out.
 */
import { failure, indexPath, plural, type CheckFailure } from "../domain/failures";
import { describeSelector, resolveSelector, type SelectableServer, type ServerSelector } from "../domain/server-selector";

/** Longest list of server names a message spells out. */
const MAX_NAMED = 70;

export interface Selection {
  servers: SelectableServer[];
  failures: CheckFailure[];
}

/** The servers the selector matches among `all`; fails when none does, unless `allowEmpty`. */
export function selectServers(all: readonly SelectableServer[], selector: ServerSelector, allowEmpty: boolean): Selection {
  const servers = resolveSelector(all, selector);
  if (servers.length > 0 || allowEmpty) return { servers, failures: [] };
  const tags = selector.tags ?? [];
  const listHint = tags.length > 0 ? ` (openstack server list --tags ${tags.join(",")})` : "";
  return {
    servers,
    failures: [
      failure(
        "serverSelector",
        "selector.matchesNothing",
        `(${describeSelector(selector)}) matches no server in the project: check the servers' tags and metadata${listHint}, ` +
          "or set allowEmpty: true to keep an association that protects no server until one matches",
      ),
    ],
  };
}

function names(servers: readonly SelectableServer[]): string {
  const shown = servers.map((s) => s.name || s.id).sort().slice(0, MAX_NAMED);
  return servers.length > MAX_NAMED ? `${shown.join(", ")} and ${servers.length - MAX_NAMED} more` : shown.join(", ");
}

/**
 * The failures of the resolved list (`serverIds[i]` is `servers[i]`; `serverIds` is the list as a whole) moved to
 * `serverSelector`, each naming the servers concerned and the way out through the selector.
 */
export function selectorFailures(failures: readonly CheckFailure[], selector: ServerSelector, servers: readonly SelectableServer[]): CheckFailure[] {
  const what = describeSelector(selector);
  return failures.map((f) => {
    // The resolved list's failures name `serverIds[i]` built by indexPath, so the same builder finds i.
    const index = servers.findIndex((_, i) => f.path === indexPath("serverIds", i));
    if (index >= 0) {
      const s = servers[index];
      const who = s ? `server ${JSON.stringify(s.id)} (${s.name})` : "a server";
      return failure(
        "serverSelector",
        f.rule,
        `(${what}) matches ${who}, and the resolved list fails: ${f.message}; or leave the server out: change its tags or metadata, or narrow the selector`,
      );
    }
    return failure(
      "serverSelector",
      f.rule,
      `(${what}) matches ${plural(servers.length, "server")} (${names(servers)}), and the resolved list fails: ${f.message}; ` +
        "or narrow the selector with another tag or metadata pair",
    );
  });
}
