// certstatus web page: the only script on the check pages. It keeps a watch's state live (polling its
// JSON every 15 s), and moves focus to the newest turn of a chat. Everything works without it.
(function () {
  'use strict';
  var latest = document.getElementById('latest');
  if (latest && location.hash === '#latest') {
    var field = document.getElementById('answer-text') || latest.querySelector('button') || document.getElementById('say-text');
    if (field) field.focus({ preventScroll: false });
  }
  var watched = document.querySelectorAll('[data-watch]');
  if (!watched.length || !window.fetch) return;
  function refresh() {
    watched.forEach(function (element) {
      fetch('/watch/state?id=' + encodeURIComponent(element.getAttribute('data-watch')), { credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (state) {
          if (!state) return;
          var text = element.classList.contains('watch-link') ? state.link : state.text;
          if (text && element.textContent !== text) element.textContent = text;
          element.setAttribute('data-state', state.state);
        })
        .catch(function () { /* offline for a moment: the next poll tries again */ });
    });
  }
  refresh();
  setInterval(refresh, 15000);
})();
