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

  function paragraph(className, text) {
    var node = document.createElement("p");
    node.className = className;
    node.textContent = text;
    return node;
  }

  // The same box the server renders after saving: hints (or "no hints") and the score.
  function render(box, report) {
    while (box.firstChild) box.removeChild(box.firstChild);
    if (report.hints.length) {
      box.appendChild(paragraph("plain-language__title", report.title));
      var list = document.createElement("ul");
      list.className = "plain-language__list";
      report.hints.forEach(function (hint) {
        var item = document.createElement("li");
        item.textContent = hint.message;
        list.appendChild(item);
      });
      box.appendChild(list);
    } else if (report.no_hints) {
      box.appendChild(paragraph("plain-language__ok", report.no_hints));
    }
    if (report.score_text) box.appendChild(paragraph("plain-language__score", report.score_text));
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
