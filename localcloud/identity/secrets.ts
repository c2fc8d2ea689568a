/**
 * Password and secret hashing for the built-in Keystone. Only hashes are stored; comparisons are constant
 * time. The scrypt cost is low on purpose: these are test credentials, and every test logs in.
 */
import { createHash, randomBytes, scryptSync, timingSafeEqual } from "node:crypto";

const COST = { N: 1024, r: 8, p: 1 };

/** `scrypt$<salt b64>$<hash b64>` */
export function hashSecret(secret: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(secret, salt, 32, COST);
  return `scrypt$${salt.toString("base64")}$${hash.toString("base64")}`;
}

/** Constant-time check of a secret against {@link hashSecret}'s output. */
export function verifySecret(secret: string, stored: string | undefined): boolean {
  if (!stored) {
    // Spend the same time as a real check so "no such user" and "wrong password" look alike.
    scryptSync(secret, "no-such-user", 32, COST);
    return false;
  }
  const [scheme, saltB64, hashB64] = stored.split("$");
  if (scheme !== "scrypt" || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, "base64");
  const actual = scryptSync(secret, Buffer.from(saltB64, "base64"), expected.length, COST);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The store key of a token: its SHA-256, so neither the state dir nor the state dump holds usable tokens. */
export function tokenKey(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new opaque token: 32 random bytes, base64url (not a JWT, not a Fernet token). */
export function newToken(): string {
  return `lc${randomBytes(32).toString("base64url")}`;
}

/** A new application-credential secret. */
export function newSecret(): string {
  return randomBytes(24).toString("base64url");
}
