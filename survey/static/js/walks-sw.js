/* Service worker for the walk pages. Pages under /walks/ are fetched from the network
   first and kept for offline use; static files are served from the cache and refreshed.
   POSTs (the outbox sync, forms) are never touched. */
"use strict";
var VERSION = "4";
var PAGES = "mitsprache-walk-pages";
var ASSETS = "mitsprache-walk-assets-" + VERSION;
var BASE = new URL("../", self.registration.scope).pathname;
var ASSET_URLS = [
  "static/css/app.css", "static/css/walks.css", "static/favicon.svg",
  "static/js/walks-offline.js", "static/js/walks-outbox.js", "static/js/walks-location.js",
  "static/js/walks-form.js", "static/js/walks-photos.js", "static/walks.webmanifest",
  "static/icons/walks-192.png", "static/icons/walks-512.png"
].map(function (path) { return BASE + path; });

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(ASSETS).then(function (cache) {
    return cache.addAll(ASSET_URLS);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key.indexOf("mitsprache-walk-assets-") === 0 && key !== ASSETS;
    }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

function keep(cacheName, request, response) {
  if (response && response.ok && !response.redirected && response.type === "basic") {
    var copy = response.clone();
    caches.open(cacheName).then(function (cache) { cache.put(request, copy); });
  }
  return response;
}

function networkFirst(request) {
  return fetch(request).then(function (response) {
    if (response.redirected && new URL(response.url).pathname === BASE + "login") {
      caches.delete(PAGES); // logged out or expired: forget the private pages kept so far
      return response;
    }
    return keep(PAGES, request, response);
  }).catch(function () {
    return caches.match(request, { ignoreVary: true }).then(function (hit) {
      return hit || caches.match(BASE + "walks/", { ignoreVary: true });
    }).then(function (hit) { return hit || Response.error(); });
  });
}

function staleWhileRevalidate(request) {
  return caches.match(request, { ignoreVary: true }).then(function (hit) {
    var fresh = fetch(request).then(function (response) {
      return keep(ASSETS, request, response);
    });
    if (hit) { fresh.catch(function () {}); return hit; }
    return fresh;
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== location.origin) { return; }
  if (url.pathname.indexOf(BASE + "static/") === 0) {
    event.respondWith(staleWhileRevalidate(request));
  } else if (url.pathname.indexOf(BASE + "walks/") === 0 && url.pathname.indexOf("/export.") < 0) {
    event.respondWith(networkFirst(request));
  }
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "keep-pages" && Array.isArray(data.urls)) {
    event.waitUntil(caches.open(PAGES).then(function (cache) {
      return Promise.all(data.urls.map(function (url) {
        var target = new URL(url, location.origin);
        if (target.origin !== location.origin || target.pathname.indexOf(BASE + "walks/") !== 0) {
          return null;
        }
        return cache.match(target.href, { ignoreVary: true }).then(function (hit) {
          if (hit) { return null; }
          return fetch(target.href, { credentials: "same-origin" }).then(function (response) {
            if (response.ok && !response.redirected) { return cache.put(target.href, response); }
            return null;
          }).catch(function () { return null; });
        });
      }));
    }));
  } else if (data.type === "forget-pages") {
    event.waitUntil(caches.delete(PAGES));
  }
});
