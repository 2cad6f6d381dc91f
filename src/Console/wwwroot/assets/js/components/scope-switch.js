// "Working in": Personal or one of the account's teams; scopes the keys and usage pages (their teamId).
import { selectField } from './fields.js';
import { currentTeam, roleLabels, setCurrentTeam } from '../lib/teams.js';
import { state } from '../lib/state.js';

export function scopeSwitch(onChange) {
  const team = currentTeam();
  const element = selectField({ label: 'Working in', name: 'teamId', value: team?.id ?? '', options: [
    { value: '', label: 'Personal' },
    ...(state.teams ?? []).map(t => ({ value: t.id, label: `${t.name} (team, ${roleLabels[t.role] ?? t.role})` })),
  ] });
  element.querySelector('select').addEventListener('change', event => {
    setCurrentTeam(event.target.value || null);
    onChange();
  });
  return element;
}
