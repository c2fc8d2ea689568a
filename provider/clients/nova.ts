/** Typed calls to Nova (compute v2.1): the server facts the provider checks before associating. */
import type { NovaServer, NovaServerBody, NovaServerList } from "../wire/nova";
import { isApiError } from "./api-error";
import { collectPages, PageCursor, type Page } from "./pagination";
import type { Session } from "./session";

/**
 * Server tags appear in server bodies from microversion 2.26 on; older versions omit them, so every call asks
 * for it (both the current and the legacy header, which older clouds read).
 */
const MICROVERSION = { "openstack-api-version": "compute 2.26", "x-openstack-nova-api-version": "2.26" };

/** The Nova client. */
export class NovaClient {
  constructor(private readonly session: Session) {}

  /** The server, or undefined when it does not exist (404). */
  async getServer(serverId: string): Promise<NovaServer | undefined> {
    try {
      const res = await this.session.request<NovaServerBody>("compute", "GET", `/servers/${encodeURIComponent(serverId)}`, { headers: MICROVERSION });
      return res.body?.server;
    } catch (err) {
      if (isApiError(err, 404)) return undefined;
      throw err;
    }
  }

  /** Every server of the project with details (all pages). */
  async listServersDetail(filters: { name?: string; status?: string } = {}): Promise<NovaServer[]> {
    return collectPages<NovaServer>({ ...filters }, (query) => this.detailPage(query));
  }

  /** The project's servers with details, newest first as Nova lists them, read a page at a time as the caller asks. */
  serverPages(): PageCursor<NovaServer> {
    return new PageCursor<NovaServer>({}, (query) => this.detailPage(query));
  }

  private async detailPage(query: Record<string, string | undefined>): Promise<Page<NovaServer>> {
    const res = await this.session.request<NovaServerList>("compute", "GET", "/servers/detail", { query, headers: MICROVERSION });
    return { items: res.body?.servers ?? [], links: res.body?.servers_links };
  }
}
