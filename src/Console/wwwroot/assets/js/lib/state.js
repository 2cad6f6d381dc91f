// What the pages share while the console is open: the account, the chains, and the plaintext of keys created, rolled
// or revealed in this tab (memory only, never stored: the API shows a key once, the try-it panel may use it).
import { api } from './api.js';

export const state = {
  me: null,
  chains: null,
  teams: null, // the account's teams with its role in each (lib/teams.js)
};

const plaintexts = new Map();

export function rememberPlaintext(keyId, key) {
  plaintexts.set(keyId, key);
}

export function plaintextOf(keyId) {
  return keyId ? plaintexts.get(keyId) ?? '' : '';
}

export function forgetAll() {
  state.me = null;
  state.teams = null;
  sessionStorage.removeItem('ksq.teamId');
  plaintexts.clear();
}

export async function loadMe() {
  state.me = await api('/v1/me');
  return state.me;
}

export async function loadChains() {
  state.chains ??= await api('/v1/chains', { auth: false });
  return state.chains;
}

/** { chain, network, chainName, networkName } of the account's selection, or null. */
export function selection() {
  const chosen = state.me?.selection;
  if (!chosen?.chain || !chosen?.network) return null;
  const chain = state.chains?.find(c => c.id === chosen.chain);
  const network = chain?.networks.find(n => n.id === chosen.network);
  return {
    chain: chosen.chain,
    network: chosen.network,
    activeKeyId: chosen.activeKeyId ?? null,
    chainName: chain?.name ?? chosen.chain,
    networkName: network?.name ?? chosen.network,
  };
}

export function selectionLabel(value = selection()) {
  return value ? `${value.chainName} / ${value.networkName}` : 'No network selected';
}
