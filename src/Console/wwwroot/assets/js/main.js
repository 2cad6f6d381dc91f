// Entry point of the KS Query console.
import { start, navigate } from './router.js';
import { whenSessionEnds, api } from './lib/api.js';
import { currentRefreshToken, forget } from './lib/session.js';
import { forgetAll } from './lib/state.js';
import { toast } from './components/toast.js';

whenSessionEnds(() => {
  forget();
  forgetAll();
  if (location.pathname !== '/login') navigate('/login?ended=1', { replace: true });
});

document.getElementById('logout').addEventListener('click', async () => {
  const refreshToken = currentRefreshToken();
  try {
    if (refreshToken) await api('/v1/auth/logout', { method: 'POST', body: { refreshToken }, auth: false });
  } catch (error) {
    toast(`Logged out here; the server said: ${error.message}`, { error: true });
  }
  forget();
  forgetAll();
  navigate('/login?loggedOut=1');
});

start();
