/* Shrink photos in the browser before they wait in the outbox: a phone photo of 5–10 MB
   becomes a JPEG of a few hundred kB with at most 2000 px on its longest side, so that
   six of them fit into one request and send quickly on a weak connection. The server
   re-encodes every photo anyway (and removes all metadata); drawing on a canvas already
   drops the GPS position here. A photo the browser cannot decode (HEIC in Chrome) is
   kept as it is. */
(function () {
  "use strict";
  var MAX_SIDE = 2000;
  var SMALL_ENOUGH = 1.5 * 1024 * 1024;
  var QUALITY = 0.85;

  function jpegName(name) {
    return (name || "photo").replace(/\.[A-Za-z0-9]+$/, "") + ".jpg";
  }

  function shrink(file) {
    if (!window.createImageBitmap || !/^image\//.test(file.type || "")) {
      return Promise.resolve(file);
    }
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var longest = Math.max(bitmap.width, bitmap.height);
      if (longest <= MAX_SIDE && file.size <= SMALL_ENOUGH) { bitmap.close(); return file; }
      var scale = Math.min(1, MAX_SIDE / longest);
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      var context = canvas.getContext("2d");
      context.fillStyle = "#fff"; // JPEG has no transparency
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob || blob.size >= file.size) { resolve(file); return; }
          resolve(new File([blob], jpegName(file.name), { type: "image/jpeg" }));
        }, "image/jpeg", QUALITY);
      });
    }).catch(function () { return file; });
  }

  window.mitsprachePhotos = { shrink: shrink, maxSide: MAX_SIDE };
})();
