/**
 * Server display names for writes of a policy's whole server list (both APIs want a name per server). Names
 * seen in policies the backend read are kept, so a PUT of the list asks Nova only about servers not yet seen.
 */

/** Looks up a server's display name. */
export type ServerNameLookup = (serverId: string) => Promise<string>;

export class ServerNames {
  private readonly known = new Map<string, string>();

  constructor(private readonly lookup: ServerNameLookup) {}

  /** Remembers the names of servers a policy read from the service lists. */
  note(servers: readonly { id: string; name?: string }[]): void {
    for (const s of servers) if (s.name) this.known.set(s.id, s.name);
  }

  /** The server's name, from what was seen or else from the lookup. */
  async nameOf(serverId: string): Promise<string> {
    return this.known.get(serverId) ?? this.lookup(serverId);
  }
}
