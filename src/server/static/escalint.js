/*! escalint.js — checks an escalation draft as it is typed, against an `escalint serve`.
 *
 * Drop-in: include the script from the escalint server and mark the textarea.
 *
 *   <script src="https://escalint.example.com/escalint.js" defer></script>
 *   <form>
 *     <input id="subject" name="subject">
 *     <textarea name="message" data-escalint data-escalint-subject="#subject"></textarea>
 *     <button>Submit</button>
 *   </form>
 *
 * Data attributes on the textarea (all optional):
 *   data-escalint                 attach to this textarea
 *   data-escalint-endpoint        the escalint server (default: where this script came from)
 *   data-escalint-subject         CSS selector of the subject input
 *   data-escalint-token           bearer token, when the server runs with --token-file
 *   data-escalint-language        force a language's rules ("en", "sv"); default: detected
 *   data-escalint-delay           milliseconds to wait after typing stops (default 400)
 *   data-escalint-confirm="off"   do not ask "Send anyway?" on submit
 *
 * Or from JavaScript:
 *   const checker = Escalint.attach(textarea, { endpoint, subject, token, language, delay,
 *       findings, checklist, score, language_output, confirm, onResult });
 *   checker.check()    // check now; a Promise of the result
 *   checker.result     // the last result (the draft object of POST /v1/check)
 *   checker.detach()
 *
 * The page's server must allow the portal's origin: escalint serve --allow-origin https://portal.example.com
 * No draft text is stored or logged by this script or by the server.
 */
(function (global) {
  "use strict";

  var scriptOrigin = (function () {
    try {
      var s = document.currentScript;
      if (s && s.src) return new URL(s.src, document.baseURI).origin;
    } catch (e) { /* older browsers */ }
    return "";
  })();

  var CHECK_ORDER = ["scope", "partner", "examples", "product"];
  var MIRRORED = ["boxSizing", "width", "height", "paddingTop", "paddingRight", "paddingBottom", "paddingLeft",
    "borderTopWidth", "borderRightWidth", "borderBottomWidth", "borderLeftWidth", "borderTopStyle",
    "borderRightStyle", "borderBottomStyle", "borderLeftStyle", "fontFamily", "fontSize", "fontWeight",
    "fontStyle", "fontStretch", "lineHeight", "letterSpacing", "wordSpacing", "textIndent", "textTransform",
    "tabSize", "direction"];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function resolve(x) {
    if (!x) return null;
    return typeof x === "string" ? document.querySelector(x) : x;
  }

  function isBlocking(f) { return f.level === "warning" || f.level === "error"; }

  function attach(textarea, options) {
    options = options || {};
    if (textarea._escalint) return textarea._escalint;
    var endpoint = (options.endpoint || scriptOrigin || "").replace(/\/+$/, "");
    var delay = options.delay != null ? Number(options.delay) : 400;
    var subject = resolve(options.subject);
    var form = textarea.form;
    var uid = "escalint-" + Math.random().toString(36).slice(2, 8);

    // The field: a backdrop that mirrors the text with <mark>s, behind the textarea,
    // whose own background is made transparent.
    var wrap = el("div", "escalint-field");
    var backdrop = el("div", "escalint-backdrop");
    backdrop.setAttribute("aria-hidden", "true");
    var mirror = el("div", "escalint-mirror");
    backdrop.appendChild(mirror);
    textarea.parentNode.insertBefore(wrap, textarea);
    wrap.appendChild(backdrop);
    wrap.appendChild(textarea);
    textarea.classList.add("escalint-input");

    // Where results go: the elements given, or a panel created after the field.
    var panel = null;
    var findingsEl = resolve(options.findings);
    var checklistEl = resolve(options.checklist);
    var scoreEl = resolve(options.score);
    var languageEl = resolve(options.language_output);
    if (!findingsEl) {
      panel = el("div", "escalint-panel");
      wrap.parentNode.insertBefore(panel, wrap.nextSibling);
      checklistEl = checklistEl || panel.appendChild(el("ul", "escalint-checklist"));
      scoreEl = scoreEl || panel.appendChild(el("p", "escalint-score"));
      languageEl = languageEl || panel.appendChild(el("p", "escalint-language"));
      findingsEl = panel.appendChild(el("ol", "escalint-findings"));
    }
    findingsEl.id = findingsEl.id || uid + "-findings";
    var describedBy = (textarea.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (describedBy.indexOf(findingsEl.id) < 0) describedBy.push(findingsEl.id);
    textarea.setAttribute("aria-describedby", describedBy.join(" "));
    var live = resolve(options.live);
    if (!live) {
      live = el("div", "escalint-sr-only");
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      wrap.parentNode.insertBefore(live, wrap.nextSibling);
    }

    var state = { result: null, checkedText: null, timer: null, seq: 0, inflight: null, lastAnnounce: "",
                  bypass: false, error: null };

    function syncStyle() {
      var cs = getComputedStyle(textarea);
      MIRRORED.forEach(function (p) { mirror.style[p] = cs[p]; });
      mirror.style.borderColor = "transparent";
      // The textarea's own scrollbar narrows its text: match the width it really wraps at.
      mirror.style.boxSizing = "border-box";
      mirror.style.width = (textarea.clientWidth + parseFloat(cs.borderLeftWidth) + parseFloat(cs.borderRightWidth)) + "px";
      backdrop.style.width = textarea.offsetWidth + "px";
      backdrop.style.height = textarea.offsetHeight + "px";
      mirror.style.height = "auto";
      mirror.style.minHeight = textarea.clientHeight + "px";
      syncScroll();
    }
    function syncScroll() {
      backdrop.scrollTop = textarea.scrollTop;
      backdrop.scrollLeft = textarea.scrollLeft;
    }

    function bodySpans(result) {
      return (result && result.findings || []).filter(function (f) {
        return f.field === "body" && typeof f.utf16_offset === "number" && f.utf16_length > 0;
      }).sort(function (a, b) { return a.utf16_offset - b.utf16_offset; });
    }

    function nfc(text) { return text.normalize ? text.normalize("NFC") : text; }

    function renderMirror() {
      var current = textarea.value;
      mirror.textContent = "";
      var checked = state.result && state.checkedText === current;
      // Offsets are into the NFC form the server checked (the same glyphs, the same layout).
      var text = checked ? nfc(current) : current;
      var spans = checked ? bodySpans(state.result) : [];
      var at = 0;
      spans.forEach(function (f, i) {
        var start = Math.max(f.utf16_offset, at), end = Math.min(f.utf16_offset + f.utf16_length, text.length);
        if (end <= start) return;
        if (start > at) mirror.appendChild(document.createTextNode(text.slice(at, start)));
        var m = el("mark", "escalint-mark escalint-" + f.level, text.slice(start, end));
        m.setAttribute("data-rule", f.rule);
        m.setAttribute("data-index", String(i));
        mirror.appendChild(m);
        at = end;
      });
      // A trailing newline needs something after it to take up its line.
      mirror.appendChild(document.createTextNode(text.slice(at) + "\u200b"));
      syncScroll();
    }

    function selectSpan(f) {
      textarea.focus();
      textarea.setSelectionRange(f.utf16_offset, f.utf16_offset + f.utf16_length);
    }

    function renderFindings(result) {
      findingsEl.textContent = "";
      var findings = result.findings || [];
      if (!findings.length) {
        findingsEl.appendChild(el("li", "escalint-none", "Nothing to add: the draft covers every check."));
      }
      findings.forEach(function (f) {
        var li = el("li", "escalint-finding escalint-" + f.level);
        li.setAttribute("data-rule", f.rule);
        var head = el("p", "escalint-message");
        head.appendChild(el("span", "escalint-level", f.level));
        head.appendChild(document.createTextNode(" " + f.message));
        li.appendChild(head);
        if (f.hint) {
          var hint = el("p", "escalint-hint");
          hint.appendChild(el("span", "escalint-hint-label", "Hint: "));
          hint.appendChild(document.createTextNode(f.hint));
          li.appendChild(hint);
        }
        if (f.field === "body" && typeof f.utf16_offset === "number") {
          var b = el("button", "escalint-show", "Show in text");
          b.type = "button";
          b.addEventListener("click", function () { selectSpan(f); });
          li.appendChild(b);
        }
        findingsEl.appendChild(li);
      });
    }

    function orderedChecklist(result) {
      var items = (result.checklist_items || []).slice();
      items.sort(function (a, b) { return CHECK_ORDER.indexOf(a.id) - CHECK_ORDER.indexOf(b.id); });
      return items;
    }

    function renderChecklist(result) {
      if (!checklistEl) return;
      checklistEl.textContent = "";
      orderedChecklist(result).forEach(function (c) {
        var li = el("li", "escalint-check " + (c.ok ? "escalint-ok" : "escalint-todo"));
        li.setAttribute("data-check", c.id);
        var mark = el("span", "escalint-tick", c.ok ? "\u2713" : "\u2717");
        mark.setAttribute("aria-hidden", "true");
        li.appendChild(mark);
        li.appendChild(document.createTextNode(" " + c.label));
        li.appendChild(el("span", "escalint-sr-only", c.ok ? " (done)" : " (missing)"));
        checklistEl.appendChild(li);
      });
    }

    function renderScore(result) {
      if (scoreEl) {
        scoreEl.textContent = "";
        if (typeof result.score === "number") {
          scoreEl.appendChild(document.createTextNode("Readiness "));
          var meter = el("meter");
          meter.min = 0; meter.max = 100; meter.low = 50; meter.high = 80; meter.optimum = 100;
          meter.value = result.score;
          meter.setAttribute("aria-label", "Readiness");
          scoreEl.appendChild(meter);
          scoreEl.appendChild(el("strong", "escalint-score-value", " " + result.score + "/100"));
        }
      }
      if (languageEl) {
        var name = result.language_name || result.language || "";
        languageEl.textContent = result.language_supported === false
          ? "Language: " + (result.detected_language || result.language) + " (no rules for it)"
          : "Language: " + name + (result.language_confidence < 1 ? " (detected)" : "");
        languageEl.setAttribute("data-language", result.language || "");
      }
    }

    function announce(result) {
      var findings = result.findings || [];
      var missing = orderedChecklist(result).filter(function (c) { return !c.ok; })
        .map(function (c) { return c.label; });
      var text = findings.length === 0 ? "No findings."
        : findings.length + (findings.length === 1 ? " finding: " : " findings: ") +
          findings.map(function (f) { return f.message; }).join(" ");
      if (missing.length) text += " Missing: " + missing.join(", ") + ".";
      if (typeof result.score === "number") text += " Readiness " + result.score + " of 100.";
      if (text !== state.lastAnnounce) {
        state.lastAnnounce = text;
        live.textContent = text;
      }
    }

    function render() {
      renderMirror();
      var r = state.result;
      if (!r) return;
      renderFindings(r);
      renderChecklist(r);
      renderScore(r);
      announce(r);
      wrap.classList.toggle("escalint-has-findings", (r.findings || []).length > 0);
      if (typeof options.onResult === "function") options.onResult(r);
      textarea.dispatchEvent(new CustomEvent("escalint:result", { detail: r }));
    }

    function showError(message) {
      state.error = message;
      live.textContent = "Could not check the draft: " + message;
      if (panel || findingsEl) {
        findingsEl.textContent = "";
        findingsEl.appendChild(el("li", "escalint-failed", "Could not check the draft: " + message));
      }
    }

    function check() {
      clearTimeout(state.timer);
      var text = textarea.value;
      if (state.inflight && state.inflight.text === text) return state.inflight.promise;
      var seq = ++state.seq;
      var body = { text: nfc(text) };
      if (subject && subject.value) body.subject = subject.value;
      if (options.language) body.language = options.language;
      if (options.rules) body.rules = options.rules;
      var headers = { "Content-Type": "application/json" };
      if (options.token) headers.Authorization = "Bearer " + options.token;
      wrap.classList.add("escalint-busy");
      var promise = fetch(endpoint + "/v1/check", { method: "POST", headers: headers, body: JSON.stringify(body),
                                                  credentials: "omit" })
        .then(function (res) {
          return res.json().catch(function () { return {}; }).then(function (json) {
            if (!res.ok) throw new Error(json.error || ("HTTP " + res.status));
            return json;
          });
        })
        .then(function (result) {
          if (seq !== state.seq) return state.result;  // a newer check is under way
          state.result = result;
          state.checkedText = text;
          state.error = null;
          render();
          return result;
        }, function (err) {
          if (seq === state.seq) showError(err.message || String(err));
          throw err;
        })
        .finally(function () {
          if (seq === state.seq) { wrap.classList.remove("escalint-busy"); state.inflight = null; }
        });
      state.inflight = { text: text, promise: promise };
      return promise;
    }

    function schedule() {
      renderMirror();
      clearTimeout(state.timer);
      state.timer = setTimeout(function () { check().catch(function () {}); }, delay);
    }

    // "Send anyway?" when warnings are open at submit.
    var dialog = null;
    function confirmDialog(result) {
      return new Promise(function (resolveChoice) {
        if (!dialog) {
          dialog = el("div", "escalint-dialog");
          dialog.setAttribute("role", "alertdialog");
          dialog.setAttribute("aria-modal", "true");
          dialog.setAttribute("aria-labelledby", uid + "-dlg-title");
          dialog.setAttribute("aria-describedby", uid + "-dlg-text");
          dialog.hidden = true;
          var box = el("div", "escalint-dialog-box");
          var title = el("h2", "escalint-dialog-title", "Send anyway?");
          title.id = uid + "-dlg-title";
          var p = el("p", "escalint-dialog-text");
          p.id = uid + "-dlg-text";
          var actions = el("div", "escalint-dialog-actions");
          var edit = el("button", "escalint-keep-editing", "Keep editing");
          edit.type = "button";
          var send = el("button", "escalint-send-anyway", "Send anyway");
          send.type = "button";
          actions.appendChild(edit);
          actions.appendChild(send);
          box.appendChild(title);
          box.appendChild(p);
          box.appendChild(actions);
          dialog.appendChild(box);
          document.body.appendChild(dialog);
        }
        var open = (result.findings || []).filter(isBlocking);
        dialog.querySelector(".escalint-dialog-text").textContent =
          "The draft still has " + open.length + (open.length === 1 ? " open warning" : " open warnings") +
          ": " + open.map(function (f) { return f.message; }).join(" ");
        var sendBtn = dialog.querySelector(".escalint-send-anyway");
        var editBtn = dialog.querySelector(".escalint-keep-editing");
        function close(choice) {
          dialog.hidden = true;
          sendBtn.onclick = editBtn.onclick = null;
          dialog.onkeydown = null;
          resolveChoice(choice);
        }
        sendBtn.onclick = function () { close(true); };
        editBtn.onclick = function () { close(false); textarea.focus(); };
        dialog.onkeydown = function (e) {
          if (e.key === "Escape") { e.preventDefault(); close(false); textarea.focus(); }
          if (e.key === "Tab") {  // keep focus inside the dialog
            e.preventDefault();
            (document.activeElement === sendBtn ? editBtn : sendBtn).focus();
          }
        };
        dialog.hidden = false;
        editBtn.focus();
      });
    }

    function onSubmit(e) {
      if (state.bypass) { state.bypass = false; return; }
      if (options.confirm === false) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      var submitter = e.submitter || null;
      var current = state.result && state.checkedText === textarea.value ? Promise.resolve(state.result) : check();
      current.then(function (result) {
        var open = (result.findings || []).filter(isBlocking);
        return open.length ? confirmDialog(result) : true;
      }, function () { return true; /* the checker is down: never block the portal */ })
        .then(function (send) {
          if (!send) return;
          state.bypass = true;
          if (form.requestSubmit) form.requestSubmit(submitter); else form.submit();
        });
    }

    textarea.addEventListener("input", schedule);
    textarea.addEventListener("scroll", syncScroll);
    if (subject) subject.addEventListener("input", schedule);
    if (form) form.addEventListener("submit", onSubmit, true);
    var ro = typeof ResizeObserver === "function" ? new ResizeObserver(syncStyle) : null;
    if (ro) ro.observe(textarea);
    window.addEventListener("resize", syncStyle);
    syncStyle();
    renderMirror();
    if (textarea.value) schedule();

    var api = {
      check: check,
      get result() { return state.result; },
      detach: function () {
        textarea.removeEventListener("input", schedule);
        textarea.removeEventListener("scroll", syncScroll);
        if (subject) subject.removeEventListener("input", schedule);
        if (form) form.removeEventListener("submit", onSubmit, true);
        if (ro) ro.disconnect();
        window.removeEventListener("resize", syncStyle);
        clearTimeout(state.timer);
        wrap.parentNode.insertBefore(textarea, wrap);
        wrap.remove();
        if (panel) panel.remove();
        if (dialog) dialog.remove();
        textarea.classList.remove("escalint-input");
        delete textarea._escalint;
      }
    };
    textarea._escalint = api;
    return api;
  }

  // The styles live in escalint.css beside this script (a strict Content-Security-Policy
  // blocks inline styles); it is linked once, unless the page links it itself. A page
  // may override any .escalint-* class.
  function installStyle() {
    if (document.querySelector('link[href$="escalint.css"]')) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = (scriptOrigin || "") + "/escalint.css";
    document.head.appendChild(link);
  }

  function fromAttributes(ta) {
    var d = ta.dataset;
    return {
      endpoint: d.escalintEndpoint,
      subject: d.escalintSubject,
      token: d.escalintToken,
      language: d.escalintLanguage,
      delay: d.escalintDelay,
      findings: d.escalintFindings,
      checklist: d.escalintChecklist,
      score: d.escalintScore,
      language_output: d.escalintLanguageOutput,
      live: d.escalintLive,
      confirm: d.escalintConfirm !== "off"
    };
  }

  function autoAttach() {
    installStyle();
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-escalint]"), function (ta) {
      attach(ta, fromAttributes(ta));
    });
  }

  global.Escalint = {
    attach: function (textarea, options) { installStyle(); return attach(resolve(textarea), options); },
    version: "0.1.0"
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", autoAttach);
  else autoAttach();
})(window);
