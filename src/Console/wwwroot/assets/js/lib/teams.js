// The teams the account is a member of, and the scope the keys and usage pages work in: "Personal" (the account's
// own keys) or one team (the routes' teamId). The scope is kept per tab (sessionStorage); what a role may do is
// docs/api.md's table, which the API enforces (403 forbidden_role): the console only leaves out what would be refused.
import { api } from './api.js';
import { state } from './state.js';

const SCOPE_KEY = 'ksq.teamId';
const ranks = { viewer: 0, developer: 1, admin: 2, owner: 3 };

export const roles = ['owner', 'admin', 'developer', 'viewer'];
export const roleLabels = { owner: 'Owner', admin: 'Admin', developer: 'Developer', viewer: 'Viewer' };

export async function loadTeams() {
  try {
    const page = await api('/v1/teams?size=100');
    state.teams = page.items;
  } catch {
    state.teams ??= [];
  }
  return state.teams;
}

/** The team the keys and usage pages show, or null for Personal. */
export function currentTeam() {
  const id = sessionStorage.getItem(SCOPE_KEY);
  return id ? state.teams?.find(team => team.id === id) ?? null : null;
}

export function setCurrentTeam(id) {
  if (id) sessionStorage.setItem(SCOPE_KEY, id);
  else sessionStorage.removeItem(SCOPE_KEY);
}

export function forgetTeams() {
  state.teams = null;
  sessionStorage.removeItem(SCOPE_KEY);
}

/** The caller's role for a key: null (its own key, may do everything) or the role in the key's team. */
export function roleForKey(key) {
  if (!key.teamId) return null;
  return state.teams?.find(team => team.id === key.teamId)?.role ?? 'viewer';
}

/** Create, edit, roll and revoke: a personal key, or developer and above in its team. */
export function mayManageKeys(role) {
  return role === null || ranks[role] >= ranks.developer;
}

/** Reveal: a personal key; in a team admins and owners any key, a developer the keys they issued. */
export function mayReveal(role, key) {
  if (role === null) return true;
  return ranks[role] >= ranks.admin || (role === 'developer' && key.createdBy === state.me?.id);
}

/** Invite, change roles, remove members. */
export function mayManageMembers(role) {
  return ranks[role] >= ranks.admin;
}
