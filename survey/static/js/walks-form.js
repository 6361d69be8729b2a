/* Observation form: a category that is a good place or an idea sets the kind by itself,
   and the severity question steps back when it does not apply. */
(function () {
  "use strict";
  var form = document.querySelector("form.obs-form");
  if (!form) { return; }
  var severity = form.querySelector("input[name='severity']");
  var severityGroup = severity && severity.closest(".form-group");

  function update() {
    var category = form.querySelector("input[name='category']:checked");
    var forced = category && category.dataset.kind;
    if (forced) {
      var radio = form.querySelector("input[name='kind'][value='" + forced + "']");
      if (radio) { radio.checked = true; }
    }
    var kind = (form.querySelector("input[name='kind']:checked") || {}).value || "barrier";
    if (severityGroup) { severityGroup.hidden = kind !== "barrier"; }
  }

  form.addEventListener("change", update);
  form.addEventListener("reset", function () { setTimeout(update, 0); });
  update();
})();
