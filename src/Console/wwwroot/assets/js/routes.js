// The console's pages. The server answers the same paths with the console page (src/Console/Pages/ConsolePages.cs),
// so a bookmark or a reload of any of them works.
import home from './pages/home.js';
import login from './pages/login.js';
import signup from './pages/signup.js';
import network from './pages/network.js';
import keys from './pages/keys.js';
import keyDetail from './pages/key-detail.js';
import apis from './pages/apis.js';
import usage from './pages/usage.js';
import teams from './pages/teams.js';
import team from './pages/team.js';
import audit from './pages/audit.js';
import account from './pages/account.js';

export const routes = [
  { pattern: /^\/$/, page: home },
  { pattern: /^\/login$/, page: login },
  { pattern: /^\/signup$/, page: signup },
  { pattern: /^\/network$/, page: network },
  { pattern: /^\/keys$/, page: keys },
  { pattern: /^\/keys\/(?<id>[^/]+)$/, page: keyDetail },
  { pattern: /^\/apis$/, page: apis },
  { pattern: /^\/usage$/, page: usage },
  { pattern: /^\/teams$/, page: teams },
  { pattern: /^\/teams\/(?<id>[^/]+)$/, page: team },
  { pattern: /^\/audit$/, page: audit },
  { pattern: /^\/account$/, page: account },
];
