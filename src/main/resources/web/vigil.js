// Vigil status page: refreshes the live region every few seconds without reloading the page. The page is
// complete without this script; it only keeps it current.
(function () {
  'use strict';
  var live = document.getElementById('live');
  if (!live || !window.fetch || !window.DOMParser) {
    return;
  }
  var seconds = parseInt(live.getAttribute('data-refresh'), 10) || 10;
  var busy = false;

  function headline(root) {
    var h = root.querySelector('#overall .headline');
    return h ? h.textContent.trim() : '';
  }

  function refresh() {
    if (busy || document.hidden) {
      return;
    }
    busy = true;
    fetch(window.location.pathname, { cache: 'no-cache', credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      })
      .then(function (text) {
        var next = new DOMParser().parseFromString(text, 'text/html').getElementById('live');
        document.documentElement.classList.remove('stale');
        if (!next || next.getAttribute('data-version') === live.getAttribute('data-version')) {
          return;
        }
        var before = headline(live);
        next = document.importNode(next, true);
        live.replaceWith(next);
        live = next;
        var after = headline(live);
        var announce = document.getElementById('announce');
        if (announce && after && after !== before) {
          announce.textContent = after;
        }
      })
      .catch(function () {
        document.documentElement.classList.add('stale');
      })
      .then(function () {
        busy = false;
      });
  }

  window.setInterval(refresh, seconds * 1000);
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden) {
      refresh();
    }
  });
}());
