/**
 * The numbers the local CSBS service enforces, in one place (docs/csbs-api-notes.md sections B, D and E).
 * Deliberately not shared with provider/domain/limits.ts: two independent copies catch each other's mistakes.
 */

/** The fixed provider id of CSBS v1 (a value, so it cannot be imported from provider/wire). */
export const CSBS_PROVIDER_ID = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";

export const MAX_POLICIES_PER_PROJECT = 32;
export const MAX_SERVERS_PER_POLICY = 64;
export const MAX_TAGS = 10;
export const MAX_PATTERN_CHARS = 10240;
export const MAX_RUNS_PER_DAY = 24;
export const MIN_SECONDS_BETWEEN_RUNS = 3600;
export const MAX_DAILY_INTERVAL = 30;
export const MAX_RETENTION_VALUE = 99999;
/** day_backups, week_backups, month_backups, year_backups: 0 to 100 each. */
export const MAX_LONG_TERM_COUNT = 100;
export const BACKUP_QUOTA = 600;
export const MAX_FAILED_PERIODIC_BACKUPS = 10;
export const FAILED_BACKUP_MAX_AGE_DAYS = 30;
/** Karbor's osapi_max_limit: the default and largest page. */
export const MAX_PAGE = 1000;

export const NAME_RE = /^[A-Za-z0-9_-]{1,255}$/;
export const TAG_KEY_RE = /^[A-Za-z0-9_-]{1,36}$/;
export const TAG_VALUE_RE = /^[A-Za-z0-9_-]{0,43}$/;
export const SERVER_TYPE = "OS::Nova::Server";
