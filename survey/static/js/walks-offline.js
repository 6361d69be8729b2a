/* Offline support for the walk pages: register the service worker (scope /walks/),
   ask it to keep the pages the walk leader needs, and forget them on logout. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) { return; }
  var script = document.querySelector("script[src*='walks-offline.js']");
  var base = script ? new URL("../../", script.src).pathname : "/";
  var scope = base + "walks/";

  function keepPages(worker) {
    // this page, the walk list (where the installed app starts) and the pages linked for it
    var urls = [location.pathname + location.search, scope];
    document.querySelectorAll("a[data-offline-page]").forEach(function (a) { urls.push(a.pathname); });
    worker.postMessage({ type: "keep-pages", urls: urls });
  }

  navigator.serviceWorker.register(scope + "sw.js", { scope: scope }).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    if (registration.active) { keepPages(registration.active); }
  }).catch(function () { /* the pages still work online */ });

  document.querySelectorAll("form[action$='/logout']").forEach(function (form) {
    form.addEventListener("submit", function () {
      if (navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage({ type: "forget-pages" });
      }
    });
  });
})();
