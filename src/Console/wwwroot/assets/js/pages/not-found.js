import { h } from '../lib/dom.js';
import { pageHead } from '../components/page.js';

export default {
  title: 'Page not found',
  render() {
    return h('section', {},
      pageHead('Page not found', 'There is no console page at this address.'),
      h('a', { href: '/', 'data-link': true, class: 'button button-primary' }, 'Go to KS Query'));
  },
};
