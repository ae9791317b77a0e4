// Keeps a live region in step with the plenary: server-sent events, and polling of the
// state every 2 s when the stream is unavailable or drops. A change of poll or state
// redraws the region from its fragment URL; the ballot count is updated in place.
(function () {
  "use strict";
  var box = document.querySelector("[data-live-part]");
  if (!box) return;
  // "shown" is the poll and state the region was drawn for (by the server at first); it
  // moves only when a redraw succeeds: a fragment lost to a busy server is fetched
  // again 2 s later, since the stream may send nothing more until the next vote.
  var shown = box.dataset.liveShown, wanted = shown, busy = false, timer = null, heard = false;
  function refresh() {
    if (busy || wanted === shown) return;
    busy = true;
    var key = wanted;
    fetch(box.dataset.livePart, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) { box.innerHTML = html; shown = key; } })
      .catch(function () {})
      .then(function () { busy = false; if (wanted !== shown) setTimeout(refresh, 2000); });
  }
  function apply(s) {
    wanted = (s.poll || "") + ":" + (s.state || "");
    refresh();
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
