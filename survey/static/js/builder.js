// Live plain-language hints while a coordinator types. Progressive enhancement only: the same
// hints are rendered by the server after saving, so everything works without this file.
(function () {
  "use strict";
  var form = document.querySelector(".texts-form");
  if (!form || !window.fetch) return;
  var token = form.querySelector("input[name=csrf_token]");
  var endpoint = form.getAttribute("data-check-url");
  if (!endpoint) return;
  var timers = new WeakMap();

  function render(box, report) {
    var old = box.querySelectorAll("[data-live]");
    old.forEach(function (node) { node.remove(); });
    Array.prototype.forEach.call(box.children, function (node) { node.hidden = true; });
    var list = document.createElement("ul");
    list.className = "plain-language__list";
    list.setAttribute("data-live", "");
    report.hints.forEach(function (hint) {
      var item = document.createElement("li");
      item.textContent = hint.message;
      list.appendChild(item);
    });
    if (report.hints.length) box.appendChild(list);
  }

  function check(field) {
    var box = document.getElementById(field.id + "-check");
    if (!box) return;
    fetch(endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token ? token.value : "" },
      body: JSON.stringify({ text: field.value, lang: field.dataset.lang, easy: field.dataset.easy === "1" })
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (report) {
      if (report) render(box, report);
    }).catch(function () { /* the server-rendered hints stay */ });
  }

  form.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.hasAttribute("data-plain-language")) return;
    clearTimeout(timers.get(field));
    timers.set(field, setTimeout(function () { check(field); }, 700));
  });
})();
