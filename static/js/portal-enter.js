// The customer's link carries its token in the fragment (#...), which the browser never
// sends to a server: post it once, take it out of the address bar and the history.
(function () {
  "use strict";
  const form = document.getElementById("enter-form");
  const token = window.location.hash.slice(1);
  if (!form || !token) return;
  history.replaceState(null, "", window.location.pathname);
  form.querySelector('input[name="token"]').value = decodeURIComponent(token);
  form.submit();
})();
