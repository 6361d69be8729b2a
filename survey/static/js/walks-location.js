/* Fill the position fields from the phone's location, with its accuracy.
   Only loaded when the walk leader allowed location for this walk. */
(function () {
  "use strict";
  var box = document.querySelector("[data-geo]");
  if (!box || !("geolocation" in navigator)) { return; }
  var lat = document.getElementById("latitude");
  var lon = document.getElementById("longitude");
  var acc = document.getElementById("accuracy_m");
  var status = box.querySelector("[data-geo-status]");
  var button = box.querySelector("[data-geo-button]");
  box.hidden = false;

  function locate() {
    status.textContent = status.dataset.msgSearching;
    navigator.geolocation.getCurrentPosition(function (pos) {
      lat.value = pos.coords.latitude.toFixed(6);
      lon.value = pos.coords.longitude.toFixed(6);
      acc.value = String(Math.round(pos.coords.accuracy));
      status.textContent = status.dataset.msgFound.replace("{n}", acc.value);
    }, function () {
      status.textContent = status.dataset.msgFailed;
    }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 30000 });
  }

  button.addEventListener("click", locate);
  document.addEventListener("outbox:saved", locate);
  if (!lat.value) { locate(); }
})();
