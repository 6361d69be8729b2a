/* The outbox: observations are saved in this browser (IndexedDB, photos included) and sent
   to the sync API when there is a connection. Each carries a client UUID, so sending
   twice never stores twice. Survives closing the browser; shows how many items wait.
   On the observation page it catches the form; on the other walk pages it only sends
   what waits (and shows the status only then). Photos are shrunk first (walks-photos.js).
   An item the server refuses stays on the phone: it can be sent again or opened in the
   form to fix it. Items belong to the person who saved them: someone else logged in on
   the same phone neither sees nor sends them. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-outbox]");
  var box = document.querySelector("[data-outbox-status]");
  if (!box || !("indexedDB" in window) || !window.fetch) { return; }

  var DB_NAME = "mitsprache-outbox";
  var STORE = "items";
  var countEl = box.querySelector("[data-outbox-count]");
  var messageEl = box.querySelector("[data-outbox-message]");
  var sendButton = box.querySelector("[data-outbox-send]");
  var loginEl = box.querySelector("[data-outbox-login]");
  var failedList = box.querySelector("[data-outbox-failed]");
  var csrfField = document.querySelector(form ? "form[data-outbox] input[name='csrf_token']" : "input[name='csrf_token']");
  var uuidField = form && form.querySelector("input[name='client_uuid']");
  var csrfToken = csrfField ? csrfField.value : "";
  var flushing = false;
  var user = box.dataset.user || "";
  box.hidden = !form;

  function newUuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "uuid" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function run(mode, action) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var request = action(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(request ? request.result : undefined); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }
  function putItem(item) { return run("readwrite", function (s) { return s.put(item); }); }
  function removeItem(uuid) { return run("readwrite", function (s) { return s.delete(uuid); }); }
  function allItems() {
    return run("readonly", function (s) { return s.getAll(); }).then(function (items) {
      return items.filter(function (i) { return (i.user || "") === user; });
    });
  }
  function getItem(uuid) { return run("readonly", function (s) { return s.get(uuid); }); }

  function say(text) { messageEl.textContent = text; }

  function actionButton(label, secondary, onClick) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--small" + (secondary ? " button--secondary" : "");
    button.textContent = label;
    button.addEventListener("click", onClick);
    return button;
  }

  function failedEntry(item, number) {
    var li = document.createElement("li");
    var text = document.createElement("p");
    text.textContent = box.dataset.msgFailed + " " + (item.error || box.dataset.msgUnknown) +
      (item.summary ? " – " + item.summary : "");
    text.setAttribute("dir", "auto");
    li.appendChild(text);
    var actions = document.createElement("p");
    actions.className = "outbox__actions";
    var which = " " + box.dataset.msgItem.replace("{n}", String(number));
    function labelled(button, label) {
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = which;
      button.textContent = label;
      button.appendChild(hidden);
      return button;
    }
    actions.appendChild(labelled(actionButton("", false, function () {
      item.state = "waiting"; item.error = "";
      putItem(item).then(render).then(flush);
    }), box.dataset.msgRetry));
    if (form && item.walk === form.dataset.walk) {
      actions.appendChild(labelled(actionButton("", true, function () { reopen(item); }),
        box.dataset.msgOpen));
    } else if (item.page) {
      var link = document.createElement("a");
      link.href = item.page + "#outbox-" + item.uuid;
      link.className = "outbox__open";
      actions.appendChild(labelled(link, box.dataset.msgOpen));
    }
    actions.appendChild(labelled(actionButton("", true, function () {
      removeItem(item.uuid).then(render);
    }), box.dataset.msgRemove));
    li.appendChild(actions);
    return li;
  }

  function render() {
    return allItems().then(function (items) {
      var waiting = items.filter(function (i) { return i.state !== "failed"; });
      var failed = items.filter(function (i) { return i.state === "failed"; });
      countEl.textContent = String(waiting.length);
      if (!form) { box.hidden = items.length === 0; }
      box.classList.toggle("outbox--waiting", waiting.length > 0);
      sendButton.hidden = waiting.length === 0;
      failedList.textContent = "";
      failedList.hidden = failed.length === 0;
      failed.forEach(function (item, index) { failedList.appendChild(failedEntry(item, index + 1)); });
      return waiting.length;
    });
  }

  /* Put a refused item back into the form (photos included), so it can be fixed and saved
     again. It stays in the outbox until then, under its own identifier. */
  function reopen(item) {
    form.reset();
    item.fields.forEach(function (pair) {
      var name = pair[0], value = pair[1];
      if (name === "client_uuid" || name === "observed_at") { return; }
      var radio = form.querySelector("input[type=radio][name='" + name + "'][value='" + value + "']");
      if (radio) { radio.checked = true; return; }
      var field = form.elements.namedItem(name);
      if (field && "value" in field && field.type !== "file") { field.value = value; }
    });
    // keep the position it was saved with (or none): walks-location.js leaves typed ones alone
    var lat = form.elements.namedItem("latitude");
    if (lat) { lat.dispatchEvent(new Event("input", { bubbles: true })); }
    var photos = form.querySelector("input[type=file][name='photos']");
    if (photos && item.files.length && window.DataTransfer) {
      var transfer = new DataTransfer();
      item.files.forEach(function (file) {
        transfer.items.add(new File([file.blob], file.name, { type: file.type || file.blob.type }));
      });
      photos.files = transfer.files;
    }
    var observed = item.fields.filter(function (p) { return p[0] === "observed_at"; })[0];
    form.dataset.observedAt = observed ? observed[1] : "";
    form.dataset.replaces = item.uuid;
    if (uuidField) {
      uuidField.value = item.code === "conflict" ? newUuid() : item.uuid;
      uuidField.dataset.fresh = "1";
    }
    form.dispatchEvent(new Event("change"));
    say(box.dataset.msgReopened);
    var first = form.querySelector("input[name='category']:checked") || form.querySelector("input, textarea");
    if (first) { first.focus(); }
  }

  function refreshToken() {
    return fetch(box.dataset.csrfUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 401) { loginEl.hidden = false; say(box.dataset.msgLogin); return false; }
        if (!response.ok) { return false; }
        return response.json().then(function (data) {
          csrfToken = data.csrf_token;
          if (csrfField) { csrfField.value = csrfToken; }
          return true;
        });
      }).catch(function () { return false; });
  }

  function send(item, retried) {
    var body = new FormData();
    item.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    item.files.forEach(function (file) { body.append("photos", file.blob, file.name); });
    return fetch(item.url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken, Accept: "application/json" }
    }).then(function (response) {
      if (response.status === 200 || response.status === 201) {
        return removeItem(item.uuid).then(function () { return "sent"; });
      }
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (response.status === 400 && data.error === "csrf") {
          if (retried) { return "stop"; }
          return refreshToken().then(function (ok) { return ok ? send(item, true) : "stop"; });
        }
        if (response.status === 401) { loginEl.hidden = false; say(box.dataset.msgLogin); return "stop"; }
        if (response.status >= 500 || response.status === 429) { return "stop"; }
        item.state = "failed";
        item.code = data.error || String(response.status);
        item.error = (data.errors || []).map(function (e) { return e.message; }).join(" ") ||
          data.detail || "";
        return putItem(item).then(function () { return "failed"; });
      });
    }, function () { say(box.dataset.msgOffline); return "stop"; });
  }

  function flush() {
    if (flushing) { return Promise.resolve(); }
    flushing = true;
    return allItems().then(function (items) {
      var waiting = items.filter(function (i) { return i.state !== "failed"; });
      if (!waiting.length) { return null; }
      say(box.dataset.msgSending);
      var chain = Promise.resolve("sent");
      var refused = 0;
      waiting.forEach(function (item) {
        chain = chain.then(function (last) {
          if (last === "failed") { refused += 1; }
          return last === "stop" ? "stop" : send(item, false);
        });
      });
      return chain.then(function (last) {
        if (last === "failed") { refused += 1; }
        if (last === "stop") { return; }
        loginEl.hidden = true;
        say(refused ? box.dataset.msgRefused : box.dataset.msgSent);
      });
    }).catch(function () { /* IndexedDB unavailable: the plain form still works */ })
      .then(function () { flushing = false; return render(); });
  }

  function readyToSave() {
    var category = form.querySelector("input[name='category']:checked");
    if (!category) { return false; }
    var kind = category.dataset.kind || (form.querySelector("input[name='kind']:checked") || {}).value || "barrier";
    return kind !== "barrier" || !!form.querySelector("input[name='severity']:checked");
  }

  if (form) { form.addEventListener("submit", function (event) {
    if (!readyToSave()) {
      if (!navigator.onLine) { event.preventDefault(); say(box.dataset.msgInvalid); }
      return; // online: the server explains what is missing, with the usual error summary
    }
    event.preventDefault();
    var fields = [];
    var files = [];
    new FormData(form).forEach(function (value, name) {
      if (name === "csrf_token" || name === "client_uuid" || name === "observed_at") { return; }
      if (typeof value === "string") { fields.push([name, value]); }
      else if (value && value.size) { files.push(value); }
    });
    var uuid = uuidField && uuidField.dataset.fresh ? uuidField.value : newUuid();
    var replaces = form.dataset.replaces || "";
    fields.push(["client_uuid", uuid], ["observed_at", form.dataset.observedAt || new Date().toISOString()]);
    var note = (form.querySelector("[name='note']") || {}).value || "";
    var shrink = window.mitsprachePhotos ? window.mitsprachePhotos.shrink : function (f) { return Promise.resolve(f); };
    say(box.dataset.msgPreparing);
    Promise.all(files.map(shrink)).then(function (shrunk) {
      var item = {
        uuid: uuid, url: form.dataset.outbox, walk: form.dataset.walk, page: location.pathname,
        user: user, fields: fields, created: Date.now(), state: "waiting", summary: note.slice(0, 60),
        files: shrunk.map(function (f) { return { name: f.name, type: f.type, blob: f }; })
      };
      return putItem(item);
    }).then(function () {
      return replaces && replaces !== uuid ? removeItem(replaces) : null;
    }).then(function () {
      form.reset();
      delete form.dataset.replaces;
      delete form.dataset.observedAt;
      if (uuidField) { uuidField.value = newUuid(); uuidField.dataset.fresh = "1"; }
      say(box.dataset.msgSaved);
      box.scrollIntoView({ block: "start" });
      document.dispatchEvent(new CustomEvent("outbox:saved"));
      return render();
    }).then(flush, function () { say(box.dataset.msgNotSaved); });
  }); }

  sendButton.addEventListener("click", flush);
  window.addEventListener("online", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { flush(); }
  });
  setInterval(function () { if (navigator.onLine) { flush(); } }, 60000);
  if (uuidField) { uuidField.value = newUuid(); uuidField.dataset.fresh = "1"; }
  render().then(function () {
    var wanted = form && /^#outbox-/.test(location.hash) ? location.hash.slice(8) : "";
    if (wanted) {
      getItem(wanted).then(function (item) {
        if (item && (item.user || "") === user && item.walk === form.dataset.walk) { reopen(item); }
      });
    }
    if (navigator.onLine) { flush(); }
  });
})();
