/* Embed pages (templates/embed/base.html).
   - The back link (rendered by the server when the view was opened from another embed view
     in the frame) goes back in the frame's history when there is one, so the previous view
     comes back as it was (scroll position, zoom) instead of being loaded as a new step.
   - The network legend folds: its heading becomes a button that shows and hides the rest,
     so a low frame can give the drawing the room. */
(function () {
  "use strict";

  var back = document.querySelector("a[data-back]");
  if (back) {
    back.addEventListener("click", function (event) {
      var previous = new URL(back.href, window.location.href);
      var referrer = document.referrer ? new URL(document.referrer) : null;
      if (window.history.length > 1 && referrer && referrer.href === previous.href) {
        event.preventDefault();
        window.history.back();
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll(".network-legend"), function (legend, index) {
    var heading = legend.querySelector("h3");
    if (!heading) { return; }
    var body = document.createElement("div");
    body.id = "embed-legend-" + index;
    while (heading.nextSibling) { body.appendChild(heading.nextSibling); }
    legend.appendChild(body);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "embed-fold";
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-controls", body.id);
    button.textContent = heading.textContent;
    heading.textContent = "";
    heading.appendChild(button);
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", open ? "false" : "true");
      body.hidden = open;
    });
  });
})();
