// Select blockchain and network: every chain of /v1/chains; a chain or network that is not available yet is shown
// disabled with "Coming soon", so a plugin that adds a chain shows up by itself.
import { h, replace } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { loadChains, selection, selectionLabel, state } from '../lib/state.js';
import { alertBox, busy, clearErrors, showErrors } from '../components/fields.js';
import { pageHead } from '../components/page.js';
import { updateNetworkChip } from '../shell.js';

export default {
  title: 'Select blockchain and network',
  auth: true,
  render() {
    const current = selection();
    const status = h('div', { role: 'status' });
    const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Use this network');
    const form = h('form', { novalidate: true }, alertBox(), h('div', { class: 'chains' }, h('p', { class: 'muted' }, 'Loading chains…')),
      h('div', { class: 'selection-actions button-row' }, submit), status);

    loadChains().then(chains => {
      replace(form.querySelector('.chains'), ...chains.map(chain => chainCard(chain, current)));
    }).catch(error => showErrors(form, error));

    form.addEventListener('submit', async event => {
      event.preventDefault();
      clearErrors(form);
      replace(status);
      const chosen = form.querySelector('input[name="network"]:checked');
      if (!chosen) {
        showErrors(form, { message: 'Choose a network first.', errors: {} });
        return;
      }
      const [chain, network] = chosen.value.split('/');
      await busy(submit, 'Saving…', async () => {
        try {
          const keepKey = current?.chain === chain && current?.network === network ? current.activeKeyId : null;
          state.me = await api('/v1/me/selection', { method: 'PUT', body: { chain, network, activeKeyId: keepKey } });
          updateNetworkChip();
          replace(status, h('div', { class: 'callout callout-success' },
            h('p', {}, `${selectionLabel()} selected. New API keys are created for this network.`),
            h('a', { href: '/keys', 'data-link': true, class: 'button button-primary' }, 'Continue to API Key Generation')));
        } catch (error) {
          showErrors(form, error);
        }
      });
    });

    return h('section', {},
      pageHead('Select blockchain and network', 'Choose the chain and network your API keys and calls are for.'),
      form);
  },
};

function chainCard(chain, current) {
  const soon = chain.status !== 'available';
  return h('fieldset', { class: soon ? 'card chain is-soon' : 'card chain' },
    h('legend', {},
      h('span', { class: 'chain-name' }, chain.name),
      soon ? h('span', { class: 'badge badge-soon' }, 'Coming soon') : h('span', { class: 'badge badge-available' }, 'Available')),
    h('div', { class: 'network-options' },
      chain.networks.length
        ? chain.networks.map(network => networkOption(chain, network, soon, current))
        : h('p', { class: 'muted' }, 'Networks will be listed when this chain is available.')));
}

function networkOption(chain, network, chainSoon, current) {
  const disabled = chainSoon || network.status !== 'available';
  const checked = current?.chain === chain.id && current?.network === network.id;
  return h('label', { class: 'network-option' },
    h('input', { type: 'radio', name: 'network', value: `${chain.id}/${network.id}`, disabled, checked,
      'aria-label': `${chain.name} ${network.name}${disabled ? ' (coming soon)' : ''}` }),
    h('span', {}, network.name),
    disabled && !chainSoon ? h('span', { class: 'badge badge-soon' }, 'Coming soon') : null,
    !disabled && network.isTest ? h('span', { class: 'badge' }, 'Test network') : null);
}
