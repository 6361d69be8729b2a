/* Read-aloud: the only script on resident pages. It adds a button that reads the page's
   question, hint and answers aloud with the browser's own speech synthesis, each text in its
   own language (a text shown in a fallback language carries its own lang attribute). Without speech synthesis, or without a voice for the language, no button appears,
   so nobody meets a button that does nothing. Nothing is sent anywhere. */
(function () {
  "use strict";
  var slot = document.querySelector(".read-aloud");
  if (!slot || !("speechSynthesis" in window) || !("SpeechSynthesisUtterance" in window)) return;
  var synth = window.speechSynthesis;
  var lang = (document.documentElement.lang || "de").toLowerCase();
  var READ = "h1, .caption, .lead, .stored-text p, .hint, .error-summary li, .error-message, " +
    ".radios__label, .checkboxes__label, .label, .note-text, .summary__key, .summary__value, .resume-code [aria-hidden]";

  function voiceFor(code) {
    var voices = synth.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.toLowerCase().replace("_", "-").split("-")[0] === code.split("-")[0]) {
        return voices[i];
      }
    }
    return null;
  }

  function texts() {
    var main = document.getElementById("main");
    var nodes = main ? main.querySelectorAll(READ) : [];
    var seen = [], out = [];
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i], inside = false;
      for (var j = 0; j < seen.length; j++) { if (seen[j].contains(node)) { inside = true; break; } }
      if (inside || node.closest(".respond-tools")) continue;
      seen.push(node);
      var text = (node.innerText || node.textContent || "").replace(/\s+/g, " ").trim();
      if (text) out.push([text, langOf(node, text)]);
    }
    return out;
  }

  /* The nearest lang: the node's own or an ancestor's, or that of the one element inside it
     that holds all of its text (a fallback such as <span lang="de"> inside a label). */
  function langOf(node, text) {
    var inner = node.querySelectorAll("[lang]");
    for (var i = 0; i < inner.length; i++) {
      if ((inner[i].innerText || inner[i].textContent || "").replace(/\s+/g, " ").trim() === text) {
        return inner[i].getAttribute("lang").toLowerCase();
      }
    }
    var own = node.closest("[lang]");
    return own ? own.getAttribute("lang").toLowerCase() : lang;
  }

  function build() {
    if (slot.firstChild || !voiceFor(lang)) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "read-aloud__button";
    button.setAttribute("aria-pressed", "false");
    button.textContent = slot.getAttribute("data-label");
    button.addEventListener("click", function () {
      if (synth.speaking) { synth.cancel(); set(false); return; }
      var parts = texts();
      parts.forEach(function (part, index) {
        var utterance = new SpeechSynthesisUtterance(part[0]);
        utterance.lang = part[1];
        var voice = voiceFor(part[1]);
        try { if (voice) utterance.voice = voice; } catch (e) { /* the language alone picks a voice */ }
        utterance.rate = document.body.classList.contains("easy-read") ? 0.85 : 1;
        if (index === 0) utterance.onstart = function () { set(true); };
        if (index === parts.length - 1) utterance.onend = function () { set(false); };
        utterance.onerror = function () { set(false); };
        synth.speak(utterance);
      });
    });
    function set(on) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = slot.getAttribute(on ? "data-stop" : "data-label");
    }
    slot.appendChild(button);
    window.addEventListener("pagehide", function () { synth.cancel(); });
  }

  build();
  if (!slot.firstChild && "onvoiceschanged" in synth) {
    synth.addEventListener("voiceschanged", build);
  }
})();
