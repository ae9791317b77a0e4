// Keeps a live region in step with the plenary: server-sent events, and polling of the
// state every 2 s when the stream is unavailable or drops. A change of poll or state
// redraws the region from its fragment URL; the ballot count is updated in place.
(function () {
  "use strict";
  var box = document.querySelector("[data-live-part]");
  if (!box) return;
  var last = null, timer = null, heard = false;
  function refresh() {
    fetch(box.dataset.livePart, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) box.innerHTML = html; })
      .catch(function () {});
  }
  function apply(s) {
    var key = s.poll + ":" + s.state;
    if (last !== null && key !== last) refresh();
    last = key;
    document.querySelectorAll("[data-live-cast]").forEach(function (e) { e.textContent = s.cast; });
    document.querySelectorAll("[data-live-present]").forEach(function (e) { e.textContent = s.present; });
  }
  function poll() {
    fetch(box.dataset.liveState, { credentials: "same-origin" })
      .then(function (r) { return r.json(); }).then(apply).catch(function () {});
  }
  function polling() { if (!timer) { poll(); timer = setInterval(poll, 2000); } }
  if (!window.EventSource) return polling();
  var source = new EventSource(box.dataset.liveEvents);
  source.onmessage = function (e) {
    heard = true;
    if (timer) { clearInterval(timer); timer = null; }
    apply(JSON.parse(e.data));
  };
  source.onerror = polling;  // the browser reconnects by itself; poll meanwhile
  setTimeout(function () { if (!heard) polling(); }, 4000);
})();
