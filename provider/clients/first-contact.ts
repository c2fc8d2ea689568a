/**
 * A refused connection to a host that never answered this client is almost always a wrong URL or a cloud that
 * is not running, not a blip: retrying it 8 times only delays the message by ~15 s. Once a host has answered,
 * a refused connection is more likely a restart, and gets the full retry policy.
 */
import { errorCode } from "./retry";

/** Attempts for a refused connection to a host that never answered. */
export const FIRST_CONTACT_ATTEMPTS = 2;

/** The hosts (origins) that answered this client at least once. */
export class FirstContact {
  private readonly answered = new Set<string>();

  noteAnswered(url: string): void {
    this.answered.add(originOf(url));
  }

  /** How many attempts a request may take after failing with `err`, given the policy's own limit. */
  maxAttempts(url: string, err: unknown, policyMax: number): number {
    if (errorCode(err) !== "ECONNREFUSED" || this.answered.has(originOf(url))) return policyMax;
    return Math.min(policyMax, FIRST_CONTACT_ATTEMPTS);
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
