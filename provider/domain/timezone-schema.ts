/** The time zone input's schema and rule; the zones themselves are in ./timezone. */
import { z } from "./zod";
import { CheckFailure, show } from "./failures";
import { defineRule, parseInputs, says } from "./input-schema";
import { parseTimezone, TIMEZONE_RULE } from "./timezone";

const TIMEZONE = defineRule("schedule.timezone", ({ input }) => {
  if (typeof input !== "string") return `is ${show(input)}: ${TIMEZONE_RULE}; leave it out for "UTC"`;
  const parsed = parseTimezone(input);
  return parsed.ok ? `is ${show(input)}: ${TIMEZONE_RULE}` : `is ${show(input)}: ${parsed.rule}; ${parsed.fix}`;
});

/** A zone input: an IANA name or a fixed offset, normalized by {@link parseTimezone}. */
export const timezoneSchema = z
  .string(says(TIMEZONE))
  .refine((text) => parseTimezone(text).ok, says(TIMEZONE))
  .transform((text) => {
    const parsed = parseTimezone(text);
    return parsed.ok ? parsed.name : text;
  });

/** Validates a zone input for `check`; the normalized name or failures. */
export function validateTimezone(raw: unknown, path: string): { value?: string; failures: CheckFailure[] } {
  return parseInputs(timezoneSchema, raw, path);
}
