// The frame around every page: the navigation and the account area are shown only when signed in (the class
// signed-in on <html>, which boot.js already sets before the first paint when it can tell).
import { selection, selectionLabel, state } from './lib/state.js';

export function updateShell(signedIn) {
  document.documentElement.classList.toggle('signed-in', signedIn);
  if (signedIn) {
    document.getElementById('account-email').textContent = state.me?.email ?? '';
    updateNetworkChip();
  }
  // The account area stays invisible (but in place) until it holds the account's email and network.
  document.getElementById('session').classList.toggle('is-ready', signedIn);
}

export function updateNetworkChip() {
  const chip = document.getElementById('network-chip');
  const chosen = selection();
  chip.textContent = selectionLabel(chosen);
  chip.classList.toggle('is-selected', Boolean(chosen));
  chip.setAttribute('aria-label', chosen ? `Network: ${selectionLabel(chosen)} (change)` : 'No network selected: select one');
}
