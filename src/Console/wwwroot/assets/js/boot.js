// Runs before the first paint (a classic script in <head>, not a module): when this tab holds a session, the page
// starts in the signed-in frame, so the navigation does not push the content aside when the modules have loaded.
// The key is that of lib/session.js.
(function () {
  var guestPage = location.pathname === '/login' || location.pathname === '/signup';
  if (!guestPage && localStorage.getItem('ksq.refreshToken')) {
    document.documentElement.classList.add('signed-in');
  }
})();
