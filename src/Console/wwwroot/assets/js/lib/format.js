// Display formats: numbers, dates and durations in the reader's locale.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const short = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const shortWithYear = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const numbers = new Intl.NumberFormat();

export const formatNumber = value => (value === null || value === undefined ? '—' : numbers.format(value));

export function formatDateTime(value) {
  return value ? dateTime.format(new Date(value)) : '—';
}

/** "Dec 3, 07:52" (with the year when it is not this year), for table cells. */
export function formatShortDateTime(value) {
  if (!value) return '—';
  const date = new Date(value);
  return (date.getFullYear() === new Date().getFullYear() ? short : shortWithYear).format(date);
}

/** Axis label of a chart point, by interval. */
export function formatTick(value, interval) {
  const date = new Date(value);
  return interval === 'day' ? day.format(date) : time.format(date);
}

export function formatMs(value) {
  if (value === null || value === undefined) return '—';
  return value < 10 ? `${value.toFixed(2)} ms` : `${Math.round(value)} ms`;
}

/** "822 / 50,000" for a key with a monthly quota, "822 / no limit" without. */
export function formatQuota(used, limit) {
  return `${formatNumber(used)} / ${limit === null || limit === undefined ? 'no limit' : formatNumber(limit)}`;
}

/** "Active", "Revoked", "Expired" for a key status. */
export function formatStatus(status) {
  return status ? status[0].toUpperCase() + status.slice(1) : '—';
}

/** <time> text plus the exact ISO instant for tooltips and machines. */
export function isoTitle(value) {
  return value ? new Date(value).toISOString() : undefined;
}
