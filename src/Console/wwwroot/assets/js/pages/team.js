// One team: its members and their roles (changed and removed by owners and admins), pending invitations, inviting by
// email (the token is shown to the inviter once: no mail is sent) and leaving.
import { h, replace, uid } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { formatShortDateTime, isoTitle } from '../lib/format.js';
import { loadTeams, mayManageMembers, roleLabels, roles, setCurrentTeam } from '../lib/teams.js';
import { state } from '../lib/state.js';
import { field, selectField } from '../components/fields.js';
import { pageHead } from '../components/page.js';
import { dataTable } from '../components/table.js';
import { copyButton } from '../components/copy.js';
import { dialogFoot, openDialog } from '../components/dialog.js';
import { toast } from '../components/toast.js';
import { navigate } from '../router.js';
import { form } from './teams.js';

const roleOptions = roles.map(role => ({ value: role, label: roleLabels[role] }));

export default {
  title: 'Team',
  auth: true,
  render({ params }) {
    const root = h('section', {},
      h('p', {}, h('a', { href: '/teams', 'data-link': true }, '← Teams')),
      pageHead('Team'),
      h('p', { class: 'muted' }, 'Loading…'));
    const back = root.firstChild;

    async function load() {
      let team;
      try {
        team = await api(`/v1/teams/${encodeURIComponent(params.id)}`);
      } catch (error) {
        replace(root, back, pageHead(error.status === 404 ? 'Team not found' : 'Team'),
          h('div', { class: 'callout callout-error', role: 'alert' }, h('p', {}, error.message)));
        return;
      }
      document.title = `${team.name} · KS Query`;
      const manager = mayManageMembers(team.role);
      const members = dataTable({ caption: `Members of ${team.name}`, columns: [
        { label: 'Member', cell: m => [m.email, m.accountId === state.me?.id ? h('span', { class: 'cell-sub' }, 'You') : null] },
        { label: 'Role', cell: m => (manager && m.accountId !== state.me?.id ? roleChanger(team, m, load) : h('span', { class: 'badge' }, roleLabels[m.role] ?? m.role)) },
        { label: 'Joined', cell: m => h('time', { datetime: m.joinedAt, title: isoTitle(m.joinedAt) }, formatShortDateTime(m.joinedAt)) },
        { label: 'Actions', className: 'actions', cell: m => (m.accountId === state.me?.id
          ? h('button', { type: 'button', class: 'button button-small', onclick: () => leave(team, m) }, 'Leave team')
          : manager ? h('button', { type: 'button', class: 'button button-small', 'aria-label': `Remove ${m.email}`,
            onclick: () => remove(team, m, load) }, 'Remove') : null) },
      ] });
      members.rows(team.members, 'No members.');

      const invitations = team.invitations ? dataTable({ caption: 'Pending invitations', columns: [
        { label: 'Email', cell: i => i.email },
        { label: 'Role', cell: i => roleLabels[i.role] ?? i.role },
        { label: 'Expires', cell: i => h('time', { datetime: i.expiresAt, title: isoTitle(i.expiresAt) }, formatShortDateTime(i.expiresAt)) },
      ] }) : null;
      invitations?.rows(team.invitations, 'No pending invitations.');

      const invite = manager ? form('Invite a member', [
        field({ label: 'Email', name: 'email', type: 'email', required: true, autocomplete: 'off',
          hint: 'The account that will accept; it must log in with this email.' }),
        selectField({ label: 'Role', name: 'role', value: 'developer', options: roleOptions }),
      ], 'Create invitation', async (values, element) => {
        const created = await api(`/v1/teams/${encodeURIComponent(team.id)}/invitations`, { method: 'POST', body: { email: values.email, role: values.role } });
        element.reset();
        showToken(created, load);
      }) : null;

      replace(root, back,
        pageHead(team.name, `Your role: ${roleLabels[team.role] ?? team.role}.`,
          h('button', { type: 'button', class: 'button', onclick: () => {
            setCurrentTeam(team.id);
            navigate('/keys');
          } }, 'Keys of this team')),
        h('div', { class: 'section' }, h('div', { class: 'section-head' }, h('h2', {}, 'Members')), members.element),
        invitations ? h('div', { class: 'section' }, h('div', { class: 'section-head' }, h('h2', {}, 'Pending invitations')), invitations.element) : null,
        invite ? h('div', { class: 'section form-grid' }, invite) : null);
    }

    load();
    return root;
  },
};

/** The member's role as a select and a Change button (not on change: arrowing through a select would send each role). */
function roleChanger(team, member, reload) {
  const select = selectField({ label: `Role of ${member.email}`, name: 'role', value: member.role, options: roleOptions });
  select.classList.add('compact-field');
  const control = select.querySelector('select');
  const button = h('button', { type: 'submit', class: 'button button-small', 'aria-label': `Change the role of ${member.email}` }, 'Change');
  const element = h('form', { class: 'role-form', novalidate: true }, select, button);
  element.addEventListener('submit', async event => {
    event.preventDefault();
    if (control.value === member.role) return;
    button.disabled = true;
    try {
      await api(`/v1/teams/${encodeURIComponent(team.id)}/members/${encodeURIComponent(member.accountId)}`, { method: 'PATCH', body: { role: control.value } });
      toast(`${member.email} is now ${roleLabels[control.value]}.`);
    } catch (error) {
      control.value = member.role;
      toast(error.message, { error: true });
    }
    button.disabled = false;
    reload();
  });
  return element;
}

function remove(team, member, reload) {
  confirm({ title: `Remove ${member.email}?`, text: `${member.email} loses access to ${team.name} and its keys at their next request. `
    + 'The team’s keys keep working: roll or revoke those they knew.', action: 'Remove member', work: async () => {
    await api(`/v1/teams/${encodeURIComponent(team.id)}/members/${encodeURIComponent(member.accountId)}`, { method: 'DELETE' });
    toast(`${member.email} is removed from ${team.name}.`);
    reload();
  } });
}

function leave(team, me) {
  confirm({ title: `Leave ${team.name}?`, text: `You lose access to ${team.name}, its keys and their usage at once. Only an owner or admin can invite you back.`,
    action: 'Leave team', work: async () => {
      await api(`/v1/teams/${encodeURIComponent(team.id)}/members/${encodeURIComponent(me.accountId)}`, { method: 'DELETE' });
      setCurrentTeam(null);
      await loadTeams();
      toast(`You left ${team.name}.`);
      navigate('/teams');
    } });
}

/** A confirmation dialog whose button runs `work`; the API's refusal (409 last_owner, ...) is shown in it. */
function confirm({ title, text, action, work }) {
  openDialog({
    title,
    content: close => {
      const alert = h('div', { class: 'callout callout-error', role: 'alert', hidden: true });
      const button = h('button', { type: 'button', class: 'button button-danger' }, action);
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          await work();
          close();
        } catch (error) {
          alert.hidden = false;
          replace(alert, h('p', {}, error.message));
        } finally {
          button.disabled = false;
        }
      });
      return h('div', {}, h('div', { class: 'dialog-body' }, h('p', {}, text), alert),
        dialogFoot(h('button', { type: 'button', class: 'button', autofocus: true, onclick: close }, 'Cancel'), button));
    },
  });
}

/** The invitation's token, shown this once with a Copy button: the inviter hands it to the invitee. */
function showToken(invitation, reload) {
  openDialog({
    title: 'Invitation created',
    onClose: reload,
    content: close => {
      const id = uid('token');
      const input = h('input', { id, type: 'text', readonly: true, value: invitation.token, class: 'mono', spellcheck: 'false', autocomplete: 'off' });
      input.addEventListener('focus', () => input.select());
      return h('div', {},
        h('div', { class: 'dialog-body' },
          h('p', {}, `Give this token to ${invitation.email}: they accept it under Teams, logged in with that email, and join as `
            + `${roleLabels[invitation.role] ?? invitation.role}. No mail is sent.`),
          h('div', { class: 'callout callout-warning' }, h('p', {}, h('strong', {}, 'Copy it now: '),
            `it is shown only this once and works until ${formatShortDateTime(invitation.expiresAt)}.`)),
          h('div', { class: 'field' }, h('label', { for: id }, 'Invitation token'),
            h('div', { class: 'secret-row' }, input, copyButton(input, { accessibleName: 'Copy the invitation token' })))),
        dialogFoot(h('button', { type: 'button', class: 'button button-primary', onclick: close }, 'Done')));
    },
  });
}
