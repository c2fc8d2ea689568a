/**
 * The data behind the week grid: which hour cells of 7 days hold a run, in the user's zone and in
 * UTC. Shared by the text and SVG renderings so both always show the same thing.
 */
import type { Schedule } from "./schedule";
import { formatClockTime } from "./clock-time";
import { MINUTES_PER_DAY } from "./limits";
import { formatOffset, offsetMinutes } from "./timezone";
import { weekdayAt, weekdayIndex } from "./weekday";

/** One panel of the grid: 7 rows of 24 hour cells. */
export interface GridPanel {
  /** "Europe/Paris (UTC+01:00)" or "UTC". */
  title: string;
  /** Row labels: MO..SU, or "day 1".."day 7" for every n days. */
  rows: string[];
  /** cells[row][hour]: the run times ("HH:MM") that fall in that hour, usually zero or one. */
  cells: string[][][];
}

/** Both panels and the words around them. */
export interface GridModel {
  /** One line describing the schedule, the zone and its offset at `at`. */
  heading: string;
  local: GridPanel;
  utc: GridPanel;
  /** Each local time and where it lands in UTC. */
  legend: string[];
}

const DAYS_SHOWN = 7;

function runsOnDay(schedule: Schedule, day: number): boolean {
  if (schedule.weekdays !== undefined && schedule.weekdays.length > 0) {
    return schedule.weekdays.some((d) => weekdayIndex(d) === ((day % 7) + 7) % 7);
  }
  const n = schedule.everyNDays ?? 1;
  return ((day % n) + n) % n === 0;
}

/** Builds the grid for the first 7 days of the schedule's cycle, with the zone's offset at `at`. */
export function buildWeekGrid(schedule: Schedule, at: Date): GridModel {
  const offset = offsetMinutes(schedule.timezone, at);
  const weekly = schedule.everyNDays === undefined || schedule.everyNDays <= 1;
  const rows = Array.from({ length: DAYS_SHOWN }, (_, i) => (weekly ? weekdayAt(i) : `day ${i + 1}`));
  const empty = (): string[][][] => rows.map(() => Array.from({ length: 24 }, () => [] as string[]));
  const local = empty();
  const utc = empty();
  const minutes = schedule.times.map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
  // One day either side, so runs that cross midnight into or out of the window in UTC are placed too.
  for (let day = -1; day <= DAYS_SHOWN; day++) {
    if (!runsOnDay(schedule, day)) continue;
    for (const m of minutes) {
      const localAt = day * MINUTES_PER_DAY + m;
      if (day >= 0 && day < DAYS_SHOWN) place(local, localAt, formatClockTime(m));
      const utcAt = localAt - offset;
      const utcDay = Math.floor(utcAt / MINUTES_PER_DAY);
      if (utcDay >= 0 && utcDay < DAYS_SHOWN) place(utc, utcAt, formatClockTime(utcAt));
    }
  }
  const zone = `${schedule.timezone} (UTC${formatOffset(offset)})`;
  const days = schedule.weekdays?.length ? `on ${schedule.weekdays.join(", ")}` : weekly ? "every day" : `every ${schedule.everyNDays} days`;
  const heading =
    `runs ${days} at ${schedule.times.join(", ")} in ${zone} on ${at.toISOString().slice(0, 10)}` +
    (weekly ? "" : `; the first ${DAYS_SHOWN} days of the cycle are shown`);
  const legend = minutes.map((m) => {
    const u = m - offset;
    const shift = u < 0 ? " (the day before)" : u >= MINUTES_PER_DAY ? " (the day after)" : "";
    return `${formatClockTime(m)} ${schedule.timezone} = ${formatClockTime(u)} UTC${shift}`;
  });
  return { heading, local: { title: zone, rows, cells: local }, utc: { title: "UTC", rows, cells: utc }, legend };
}

function place(cells: string[][][], at: number, label: string): void {
  const row = cells[Math.floor(at / MINUTES_PER_DAY)];
  const cell = row?.[Math.floor((at % MINUTES_PER_DAY) / 60)];
  if (cell !== undefined && !cell.includes(label)) cell.push(label);
}
