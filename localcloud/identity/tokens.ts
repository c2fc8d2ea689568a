/**
 * Token issue, validation and revocation for the built-in Keystone. Tokens are opaque random strings; the
 * Store keeps only their SHA-256, so they survive a restart without the state dir holding usable tokens.
 * Expiry follows real time, not the cloud's clock: advancing the clock 14 days for a scheduler test must
 * not log everyone out.
 */
import type { AuthContext, Store } from "../core/contracts";
import { expandRoles, type TokenValidator } from "../core/auth";
import { collection } from "../core/collection";
import { newId } from "../core/ids";
import type { Directory } from "./directory";
import { newToken, tokenKey } from "./secrets";

export interface TokenRecord {
  /** SHA-256 of the token. */
  id: string;
  userId: string;
  /** Absent for an unscoped token. */
  projectId?: string;
  methods: string[];
  /** Role names as assigned (not expanded). */
  roles: string[];
  issuedAt: number;
  expiresAt: number;
  auditId: string;
  appCredentialId?: string;
}

const TOKENS = collection<TokenRecord>("tokens");

export class TokenService implements TokenValidator {
  private issuedSincePrune = 0;

  constructor(
    private readonly store: Store,
    private readonly directory: Directory,
    private readonly ttlSeconds: number,
  ) {}

  issue(spec: Omit<TokenRecord, "id" | "issuedAt" | "expiresAt" | "auditId"> & { expiresAt?: number }): { token: string; record: TokenRecord } {
    const token = newToken();
    const now = Date.now();
    const record: TokenRecord = {
      ...spec,
      id: tokenKey(token),
      issuedAt: now,
      expiresAt: spec.expiresAt ?? now + this.ttlSeconds * 1000,
      auditId: newId().replace(/-/g, "").slice(0, 22),
    };
    this.store.put(TOKENS, record);
    if (++this.issuedSincePrune >= 200) this.prune();
    return { token, record };
  }

  /** The live record of a token, or undefined when unknown, expired or revoked. */
  lookup(token: string): TokenRecord | undefined {
    if (token.length > 512) return undefined;
    const record = this.store.get(TOKENS, tokenKey(token));
    if (!record || record.expiresAt <= Date.now()) return undefined;
    return record;
  }

  async validate(token: string): Promise<AuthContext | undefined> {
    const record = this.lookup(token);
    if (!record?.projectId) return undefined;
    const user = this.directory.user(record.userId);
    const project = this.directory.project(record.projectId);
    if (!user || !project) return undefined;
    const roles = expandRoles(record.roles);
    return { userId: user.id, userName: user.name, projectId: project.id, projectName: project.name, roles, isAdmin: roles.includes("admin") };
  }

  revoke(token: string): boolean {
    const record = this.lookup(token);
    if (!record) return false;
    this.store.delete(TOKENS, record.id);
    return true;
  }

  /** Revokes every token of a user (optionally only those scoped to one project); returns how many. */
  revokeUser(userId: string, projectId?: string): number {
    let n = 0;
    for (const t of this.store.list(TOKENS)) {
      if (t.userId === userId && (projectId === undefined || t.projectId === projectId)) {
        this.store.delete(TOKENS, t.id);
        n++;
      }
    }
    return n;
  }

  /** Drops expired tokens so a long-running cloud does not grow without bound. */
  prune(): void {
    this.issuedSincePrune = 0;
    const now = Date.now();
    for (const t of this.store.list(TOKENS)) if (t.expiresAt <= now) this.store.delete(TOKENS, t.id);
  }
}
