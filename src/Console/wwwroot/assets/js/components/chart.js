// The usage chart: calls per interval as stacked bars (answered without error, and errors), drawn as inline SVG at the
// frame's real size. The frame's size is fixed by CSS before any data arrives, so nothing moves when it does.
import { h, s, replace } from '../lib/dom.js';
import { formatNumber, formatTick } from '../lib/format.js';

const margin = { top: 14, right: 12, bottom: 28, left: 46 };

/** -> { element, loading(), show(points, interval, description), error(message) } */
export function usageChart({ caption }) {
  const frame = h('div', { class: 'chart-frame' });
  const element = h('figure', {}, frame,
    h('figcaption', { class: 'chart-legend' },
      h('span', { class: 'visually-hidden' }, caption),
      h('span', { class: 'legend-ok' }, 'Calls answered without error'),
      h('span', { class: 'legend-error' }, 'Errors (status 400 or more)')));
  let draw = () => message('Loading…');

  new ResizeObserver(() => draw()).observe(frame);

  function size() {
    return { width: Math.max(frame.clientWidth, 200), height: Math.max(frame.clientHeight, 120) };
  }

  function message(text) {
    const { width, height } = size();
    replace(frame, s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': text },
      s('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'chart-empty' }, text)));
  }

  function bars(points, interval, description) {
    const { width, height } = size();
    const plotWidth = width - margin.left - margin.right;
    const plotHeight = height - margin.top - margin.bottom;
    const top = niceMax(Math.max(...points.map(p => p.requests), 0));
    const y = value => margin.top + plotHeight - (value / top) * plotHeight;
    const slot = plotWidth / Math.max(points.length, 1);
    const barWidth = Math.max(1, Math.min(slot * 0.72, 28));
    const ticks = [0, top / 2, top];
    const labelEvery = Math.max(1, Math.ceil(points.length / Math.max(2, Math.floor(plotWidth / 70))));

    const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': description },
      ticks.map(t => s('g', {},
        s('line', { x1: margin.left, x2: width - margin.right, y1: y(t), y2: y(t), class: 'chart-grid' }),
        s('text', { x: margin.left - 8, y: y(t) + 4, 'text-anchor': 'end', class: 'chart-axis' }, formatNumber(t)))),
      points.map((point, i) => {
        const x = margin.left + i * slot + (slot - barWidth) / 2;
        const ok = point.requests - point.errors;
        const label = `${formatTick(point.start, interval)}: ${formatNumber(point.requests)} calls, ${formatNumber(point.errors)} errors`;
        return s('g', {},
          s('title', {}, label),
          ok > 0 ? s('rect', { x, y: y(point.requests), width: barWidth, height: y(point.errors) - y(point.requests), class: 'chart-ok' }) : null,
          point.errors > 0 ? s('rect', { x, y: y(point.errors), width: barWidth, height: y(0) - y(point.errors), class: 'chart-error' }) : null,
          i % labelEvery === 0
            ? s('text', { x: x + barWidth / 2, y: height - 8, 'text-anchor': 'middle', class: 'chart-axis' }, formatTick(point.start, interval))
            : null);
      }));
    if (points.every(p => p.requests === 0)) {
      svg.append(s('text', { x: margin.left + plotWidth / 2, y: margin.top + plotHeight / 2, 'text-anchor': 'middle', class: 'chart-empty' },
        'No calls in this period'));
    }
    replace(frame, svg);
  }

  return {
    element,
    loading() {
      draw = () => message('Loading…');
      draw();
    },
    show(points, interval, description) {
      draw = () => bars(points, interval, description);
      draw();
    },
    error(text) {
      draw = () => message(text);
      draw();
    },
  };
}

/** The smallest round number (2, 4, 6, 8 or 10 x 10^n, at least 4) at or above `value`: its half is round too. */
function niceMax(value) {
  if (value <= 4) return 4;
  const power = 10 ** Math.floor(Math.log10(value));
  return [2, 4, 6, 8, 10].map(step => step * power).find(candidate => candidate >= value);
}
