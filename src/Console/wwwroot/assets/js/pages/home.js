// "/": the place to start. Signed in: API Key Generation once a network is chosen, else the network choice.
import { h } from '../lib/dom.js';
import { selection } from '../lib/state.js';
import { navigate } from '../router.js';

export default {
  title: 'KS Query',
  auth: true,
  render() {
    queueMicrotask(() => navigate(selection() ? '/keys' : '/network', { replace: true }));
    return h('p', { class: 'loading-page' }, 'Loading…');
  },
};
