/* Paper entry: after a saved response, the keyboard goes on at the first question of the
   next form (the "saved" message above stays visible and the language stays chosen).
   Without JavaScript the form works the same; Tab reaches the first question. */
(function () {
  "use strict";
  var form = document.querySelector("form.paper-entry[data-saved]");
  if (!form || document.querySelector(".error-summary")) {
    return;
  }
  var first = form.querySelector(
    ".paper-entry__question input:not([type=hidden]), .paper-entry__question select, .paper-entry__question textarea"
  );
  if (first) {
    first.focus();
  }
})();
