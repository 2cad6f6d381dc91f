// The frame around every page: the navigation and the account area are shown only when signed in.
import { selection, selectionLabel, state } from './lib/state.js';

export function updateShell(signedIn) {
  document.getElementById('nav').hidden = !signedIn;
  document.querySelector('.shell').classList.toggle('no-nav', !signedIn);
  document.getElementById('session').hidden = !signedIn;
  if (signedIn) {
    document.getElementById('account-email').textContent = state.me?.email ?? '';
    updateNetworkChip();
  }
}

export function updateNetworkChip() {
  const chip = document.getElementById('network-chip');
  const chosen = selection();
  chip.textContent = selectionLabel(chosen);
  chip.classList.toggle('is-selected', Boolean(chosen));
  chip.setAttribute('aria-label', chosen ? `Network: ${selectionLabel(chosen)} (change)` : 'No network selected: select one');
}
