// A live character counter under every textarea[data-counter]: the server refuses
// longer texts with a message; the counter lets the writer see it coming.
(function () {
  // The word after the count comes translated from the page (base.html), like every text.
  var script = document.currentScript;
  var unit = (script && script.getAttribute("data-unit")) || "characters";
  function attach(area) {
    var limit = parseInt(area.getAttribute("data-counter"), 10);
    var out = document.createElement("div");
    out.className = "plenaria-counter";
    out.id = area.id + "_counter";
    out.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", out);
    var described = area.getAttribute("aria-describedby");
    area.setAttribute("aria-describedby", (described ? described + " " : "") + out.id);
    function update() {
      var n = area.value.length;
      out.textContent = n + " / " + limit + " " + unit;
      out.classList.toggle("over", n > limit);
    }
    area.addEventListener("input", update);
    update();
  }
  function init() { document.querySelectorAll("textarea[data-counter]").forEach(attach); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
