/** Typed calls to Nova (compute v2.1): the server facts the provider checks before associating. */
import type { NovaServer, NovaServerBody, NovaServerList } from "../wire/nova";
import { isApiError } from "./api-error";
import { collectPages } from "./pagination";
import type { Session } from "./session";

/** The Nova client. */
export class NovaClient {
  constructor(private readonly session: Session) {}

  /** The server, or undefined when it does not exist (404). */
  async getServer(serverId: string): Promise<NovaServer | undefined> {
    try {
      const res = await this.session.request<NovaServerBody>("compute", "GET", `/servers/${encodeURIComponent(serverId)}`);
      return res.body?.server;
    } catch (err) {
      if (isApiError(err, 404)) return undefined;
      throw err;
    }
  }

  /** Every server of the project with details (all pages). */
  async listServersDetail(filters: { name?: string; status?: string } = {}): Promise<NovaServer[]> {
    return collectPages<NovaServer>({ ...filters }, async (query) => {
      const res = await this.session.request<NovaServerList>("compute", "GET", "/servers/detail", { query });
      return { items: res.body?.servers ?? [], links: res.body?.servers_links };
    });
  }
}
