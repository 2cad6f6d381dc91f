// Inline SVG icons (drawn here, no icon font or file to fetch). Decorative: hidden from assistive technology.
import { s } from './dom.js';

const paths = {
  copy: ['M9 9h10v10H9z', 'M5 15V5h10'],
  close: ['M6 6l12 12', 'M18 6L6 18'],
  plus: ['M12 5v14', 'M5 12h14'],
  refresh: ['M20 11a8 8 0 1 0-2.3 5.7', 'M20 4v7h-7'],
  eye: ['M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z', 'M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z'],
  send: ['M4 12h13', 'M12 5l7 7-7 7'],
};

export function icon(name) {
  return s('svg', { class: 'icon', viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
    (paths[name] ?? []).map(d => s('path', { d, fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' })));
}
