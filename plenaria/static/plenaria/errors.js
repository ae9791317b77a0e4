// A form the server refused comes back with its error summary at the top of the form
// (core/_form_errors.html): the summary takes the focus, so a long page on a phone opens
// where the problem is and a screen reader reads it; each link in it focuses its field.
(function () {
  function focusSummary(root) {
    var summary = root.querySelector && root.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
      summary.scrollIntoView({ block: "start" });
    }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-error-summary] a[data-field]");
    if (!link) return;
    var field =
      document.getElementById(link.hash.slice(1)) ||
      document.querySelector('[name="' + CSS.escape(link.getAttribute("data-field")) + '"]');
    if (!field) return;
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: "center" });
  });
  // Parts of a page drawn again by htmx (a form sent in place) bring their own summary.
  document.addEventListener("htmx:load", function (event) { focusSummary(event.detail.elt); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { focusSummary(document); });
  } else {
    focusSummary(document);
  }
})();
