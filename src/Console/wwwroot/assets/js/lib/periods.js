// The periods of the usage views: one chart point per minute, hour or day, ending now.

export const periods = [
  { value: 'minute', label: 'Last hour, per minute', points: 60, stepMs: 60_000, phrase: 'per minute over the last hour' },
  { value: 'hour', label: 'Last 24 hours, per hour', points: 24, stepMs: 3_600_000, phrase: 'per hour over the last 24 hours' },
  { value: 'day', label: 'Last 30 days, per day', points: 30, stepMs: 86_400_000, phrase: 'per day over the last 30 days' },
];

/** { interval, from, to } in ISO-8601 for the period, `to` being the end of the current interval. */
export function rangeOf(value, now = Date.now()) {
  const period = periods.find(p => p.value === value) ?? periods[0];
  const end = Math.ceil((now + 1) / period.stepMs) * period.stepMs;
  return {
    period,
    interval: period.value,
    from: new Date(end - period.points * period.stepMs).toISOString(),
    to: new Date(end).toISOString(),
  };
}
