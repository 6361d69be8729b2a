/* Fill the position fields from the phone's location, with its accuracy.
   Only loaded when the walk leader allowed location for this walk.
   On the page that logs new observations ([data-geo-watch]) the phone's position is
   followed while the page is open, and each observation gets the latest fix at the moment
   it is saved. On the edit page nothing happens until the leader taps "Use my location". */
(function () {
  "use strict";
  var box = document.querySelector("[data-geo]");
  if (!box || !("geolocation" in navigator)) { return; }
  var lat = document.getElementById("latitude");
  var lon = document.getElementById("longitude");
  var acc = document.getElementById("accuracy_m");
  var form = lat.form;
  var status = box.querySelector("[data-geo-status]");
  var button = box.querySelector("[data-geo-button]");
  var watching = box.hasAttribute("data-geo-watch");
  var latest = null;   // the newest fix from the phone
  var typed = false;   // the leader typed a position for this observation: keep it
  var announced = false;
  box.hidden = false;

  function fill(pos, announce) {
    lat.value = pos.coords.latitude.toFixed(6);
    lon.value = pos.coords.longitude.toFixed(6);
    acc.value = String(Math.round(pos.coords.accuracy));
    if (announce) { status.textContent = status.dataset.msgFound.replace("{n}", acc.value); }
  }

  function failed() { status.textContent = status.dataset.msgFailed; }

  function locate() {
    typed = false;
    status.textContent = status.dataset.msgSearching;
    navigator.geolocation.getCurrentPosition(function (pos) {
      latest = pos;
      fill(pos, true);
    }, failed, { enableHighAccuracy: true, timeout: 20000, maximumAge: 5000 });
  }

  button.addEventListener("click", locate);
  [lat, lon, acc].forEach(function (field) {
    field.addEventListener("input", function () { typed = true; });
  });
  if (!watching) { return; }

  status.textContent = status.dataset.msgSearching;
  navigator.geolocation.watchPosition(function (pos) {
    latest = pos;
    if (!typed) { fill(pos, !announced); announced = true; }
  }, function () { if (!latest) { failed(); } }, { enableHighAccuracy: true, maximumAge: 5000 });

  // Capture phase: runs before the outbox reads the form, so the observation carries the
  // position current when it is saved, not the one from when the page was opened.
  document.addEventListener("submit", function (event) {
    if (event.target === form && latest && !typed) { fill(latest, false); }
  }, true);
  document.addEventListener("outbox:saved", function () {
    typed = false;
    if (latest) { fill(latest, true); }
  });
})();
