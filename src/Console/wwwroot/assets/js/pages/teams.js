// Teams: the teams the account is in (with its role), creating one, and accepting an invitation by its token.
import { h } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { formatShortDateTime, isoTitle } from '../lib/format.js';
import { loadTeams, roleLabels, setCurrentTeam } from '../lib/teams.js';
import { alertBox, busy, clearErrors, field, showErrors } from '../components/fields.js';
import { pageHead } from '../components/page.js';
import { dataTable } from '../components/table.js';
import { toast } from '../components/toast.js';
import { navigate } from '../router.js';

export default {
  title: 'Teams',
  auth: true,
  render() {
    const table = dataTable({ caption: 'Your teams', columns: [
      { label: 'Team', cell: team => h('span', { class: 'key-name' }, team.name) },
      { label: 'Your role', cell: team => h('span', { class: 'badge' }, roleLabels[team.role] ?? team.role) },
      { label: 'Created', cell: team => h('time', { datetime: team.createdAt, title: isoTitle(team.createdAt) }, formatShortDateTime(team.createdAt)) },
      { label: 'Actions', className: 'actions', cell: team => h('div', { class: 'button-row' },
        h('a', { class: 'button button-small', href: `/teams/${encodeURIComponent(team.id)}`, 'data-link': true, 'aria-label': `Open ${team.name}` }, 'Members'),
        h('button', { type: 'button', class: 'button button-small', 'aria-label': `Work in ${team.name}`, onclick: () => {
          setCurrentTeam(team.id);
          navigate('/keys');
        } }, 'Keys')) },
    ] });

    async function reload() {
      table.loading();
      try {
        table.rows(await loadTeams(), 'You are in no team yet. Create one, or accept an invitation.');
      } catch (error) {
        table.error(error.message);
      }
    }

    const create = form('Create a team', [
      field({ label: 'Team name', name: 'name', required: true, maxlength: 64, autocomplete: 'off',
        hint: 'You become its owner; you can then invite members.' }),
    ], 'Create team', async values => {
      const team = await api('/v1/teams', { method: 'POST', body: { name: values.name } });
      toast(`${team.name} is created. You are its owner.`);
      await reload();
      navigate(`/teams/${encodeURIComponent(team.id)}`);
    });

    const accept = form('Accept an invitation', [
      field({ label: 'Invitation token', name: 'token', required: true, autocomplete: 'off', spellcheck: 'false', class: 'mono',
        placeholder: 'ksq_inv_…', hint: 'The token the team’s owner or admin gave you; it works once, for your email only.' }),
    ], 'Join team', async values => {
      const team = await api('/v1/invitations/accept', { method: 'POST', body: { token: values.token.trim() } });
      toast(`You joined ${team.name} as ${roleLabels[team.role] ?? team.role}.`);
      await reload();
      navigate(`/teams/${encodeURIComponent(team.id)}`);
    });

    reload();
    return h('section', {},
      pageHead('Teams', 'A team owns keys and their usage; its members act on them by role: owner, admin, developer or viewer.'),
      h('div', { class: 'section' }, table.element),
      h('div', { class: 'form-grid section' }, create, accept));
  },
};

/** A small card with a form; `submit(values)` calls the API, its errors are shown in the form. */
export function form(title, fields, label, submit) {
  const button = h('button', { type: 'submit', class: 'button button-primary' }, label);
  const element = h('form', { class: 'card', novalidate: true, 'aria-label': title },
    h('h2', {}, title), alertBox(), fields, h('div', { class: 'button-row' }, button));
  element.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(element);
    const values = Object.fromEntries(new FormData(element));
    await busy(button, 'Working…', async () => {
      try {
        await submit(values, element);
      } catch (error) {
        showErrors(element, error);
      }
    });
  });
  return element;
}
