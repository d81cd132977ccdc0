// The copy buttons of drafts, their mail links, and the packet's print button: the only
// script on the dashboard.
"use strict";
(function () {
  function copied(button, text) {
    var status = button.parentNode.querySelector(".copied");
    if (status) { status.textContent = text; }
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.value !== undefined ? source.value : source.textContent;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { copied(button, "Copied."); },
          function () { copied(button, "Could not copy: select the text and copy it."); });
      } else {
        source.focus();
        source.select();
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        copied(button, ok ? "Copied." : "Select the text and copy it.");
      }
    });
  });
})();
// Drafts as edited on the page: the mail link follows the text, within what mail
// programs accept (2,000 characters); past that it carries the subject only.
(function () {
  var MAX = 2000;
  function enc(text) {
    return encodeURIComponent(text).replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }
  document.querySelectorAll("textarea[data-mailto]").forEach(function (area) {
    var box = area.closest(".message");
    if (!box) { return; }
    var link = box.querySelector("a[data-send=mailto]");
    var paste = box.querySelector(".paste");
    if (!link) { return; }
    function update() {
      var head = "mailto:" + enc(area.getAttribute("data-mailto")).replace(/%40/g, "@") +
        "?subject=" + enc(area.getAttribute("data-subject"));
      var full = head + "&body=" + enc(area.value.replace(/\r?\n/g, "\r\n"));
      var fits = full.length <= MAX;
      link.href = fits ? full : head;
      if (paste) { paste.hidden = fits; }
    }
    area.addEventListener("input", update);
  });
})();
// The packet's print button (hidden without this script).
(function () {
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
