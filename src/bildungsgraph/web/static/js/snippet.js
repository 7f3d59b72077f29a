/* Copy buttons of the embed snippet generator (templates/views/_snippet.html).
   A button[data-copy] copies the textarea whose id it names and reports in .snippet__status. */
(function () {
  "use strict";
  if (window.bildungsgraphSnippet) { return; }  // the partial may appear more than once
  window.bildungsgraphSnippet = true;

  function report(button, text) {
    var status = button.parentNode.querySelector(".snippet__status");
    if (status) { status.textContent = text; }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-copy]");
    if (!button) { return; }
    var area = document.getElementById(button.getAttribute("data-copy"));
    if (!area) { return; }
    area.focus();
    area.select();  // selected either way, so Ctrl+C works when the clipboard is refused
    var failed = function () { report(button, button.getAttribute("data-failed")); };
    if (!navigator.clipboard || !window.isSecureContext) { failed(); return; }
    navigator.clipboard.writeText(area.value).then(function () {
      report(button, button.getAttribute("data-copied"));
    }, failed);
  });
})();
