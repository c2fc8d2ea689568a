/**
 * A policy's schedule as a picture: a week grid (Monday to Sunday × 24 hours) with the runs marked in the
 * schedule's own time zone and in UTC, where the API runs them. Text for terminals, SVG for docs.
 */
import { validateSchedule } from "../provider/domain/schedule";
import { renderWeekGridSvg, renderWeekGridText } from "../provider/domain/week-grid";
import type { ScheduleArgs } from "./backup-policy";

/**
 * Renders a schedule as a week grid.
 *
 * @param schedule - the same value as `BackupPolicyArgs.schedule` (plain values, not Outputs)
 * @param format - "text" for a monospace grid, "svg" for a self-contained SVG image
 * @param at - the instant whose UTC offset converts local times to UTC
 *   @default - now (the offset a deployment made now would use)
 * @throws Error listing every problem when the schedule breaks a rule, exactly as a preview would
 *
 * @example
 * console.log(renderScheduleGrid({ times: ["02:00", "14:00"], weekdays: ["MO", "TH"], timezone: "Europe/Paris" }, "text"));
 */
export function renderScheduleGrid(schedule: ScheduleArgs, format: "text" | "svg", at: Date = new Date()): string {
  const { value, failures } = validateSchedule(schedule, "schedule", at);
  if (!value || failures.length > 0) {
    throw new Error(`invalid schedule:\n${failures.map((f) => `  - ${f.message} (rule ${f.rule})`).join("\n")}`);
  }
  return format === "svg" ? renderWeekGridSvg(value, at) : renderWeekGridText(value, at);
}
