// The copy button of reference briefings: the only script on the dashboard.
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
