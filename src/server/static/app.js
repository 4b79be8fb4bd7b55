// The demo escalation form: escalint.js does the checking; this file wires it to the
// page's own panel and fakes the portal's "submit".
(function () {
  "use strict";
  function start() {
    var form = document.getElementById("escalation");
    var message = document.getElementById("message");
    // With `serve --token-file`, open the page as /#token=<token> (a fragment never
    // reaches the server's log).
    var token = /(?:^|[#&])token=([^&]+)/.exec(location.hash);
    Escalint.attach(message, {
      endpoint: "",  // this server
      token: token ? decodeURIComponent(token[1]) : null,
      subject: "#subject",
      findings: "#findings",
      checklist: "#checklist",
      score: "#score",
      language_output: "#language",
      live: "#announcer"
    });
    // Reached only when escalint.js lets the submit through: no open warnings, or the
    // writer chose "Send anyway".
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var sent = document.getElementById("sent");
      sent.hidden = false;
      sent.textContent = "Escalation submitted (demo: nothing was sent anywhere).";
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
