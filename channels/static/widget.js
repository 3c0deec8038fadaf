// SIP-guiden chat widget. No framework; text only (never innerHTML with bot or user text).
// Embed: <script src="https://host/static/widget.js" defer></script>, optionally with
// data-bot-url; the chat goes into #sip-chat, or a new element after the script.
(function () {
  "use strict";
  var TEXT = {
    helpNow: "Behöver du hjälp nu?",
    inputLabel: "Skriv ditt meddelande",
    send: "Skicka",
    log: "Chattmeddelanden",
    choices: "Svarsalternativ",
    typing: "SIP-guiden skriver …",
    offline: "Ingen kontakt just nu. Ditt meddelande skickas när anslutningen är tillbaka.",
    failed: "Något gick fel. Försök igen.",
    opensNewTab: " (öppnas i ny flik)",
    forget: "Radera samtalet",
    forgetConfirm: "Vill du radera hela samtalet? Det går inte att ångra.",
    forgetFailed: "Samtalet kunde inte raderas just nu. Försök igen om en liten stund."
  };
  var script = document.currentScript;
  var root = document.getElementById("sip-chat");
  if (!root) {
    root = document.createElement("div");
    root.id = "sip-chat";
    script.parentNode.insertBefore(root, script.nextSibling);
  }
  var botUrl = (root.getAttribute("data-bot-url") || (script && script.getAttribute("data-bot-url")) || "")
    .replace(/\/$/, "");
  // sessionStorage: the chat survives a reload but not a closed tab on a shared computer.
  var store = window.sessionStorage;
  var KEYS = { sender: "sip-guiden-sender", transcript: "sip-guiden-transcript", queue: "sip-guiden-queue" };

  function newId() {
    return crypto.randomUUID ? crypto.randomUUID()
      : String(Date.now()) + "-" + Math.random().toString(16).slice(2);
  }
  function load(key) {
    try { return JSON.parse(store.getItem(key)) || []; } catch (e) { return []; }
  }
  function save(key, value) { store.setItem(key, JSON.stringify(value)); }

  var sender = store.getItem(KEYS.sender);
  if (!sender) { sender = "web-" + newId(); store.setItem(KEYS.sender, sender); }
  var transcript = load(KEYS.transcript);
  var queue = load(KEYS.queue);

  // Creates an element with the given properties (textContent, never innerHTML).
  function el(tag, props) { return Object.assign(document.createElement(tag), props); }

  root.classList.add("sip-chat");
  root.setAttribute("lang", "sv");
  // Always visible: the crisis help is one tap away wherever the conversation is.
  var bar = el("div", { className: "sip-bar" });
  var helpNow = el("button", { type: "button", className: "sip-help-now", textContent: TEXT.helpNow });
  helpNow.addEventListener("click", function () { say("/crisis", TEXT.helpNow); });
  bar.appendChild(helpNow);
  // "Radera samtalet": deletes the conversation on the server, then here, and starts afresh.
  var forget = el("button", { type: "button", className: "sip-forget", textContent: TEXT.forget });
  forget.addEventListener("click", function () {
    if (!window.confirm(TEXT.forgetConfirm)) return;
    fetch(botUrl + "/api/chat/forget", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: sender })
    }).then(function (resp) {
      return resp.json().then(function (data) {
        if (!resp.ok) throw new Error(data.error || TEXT.forgetFailed);
        Object.keys(KEYS).forEach(function (k) { store.removeItem(KEYS[k]); });
        sender = "web-" + newId();
        store.setItem(KEYS.sender, sender);
        transcript = [];
        queue = [];
        log.textContent = "";
        status.textContent = data.message;
      });
    }).catch(function (error) {
      status.textContent = (error && error.message) || TEXT.forgetFailed;
    });
  });
  bar.appendChild(forget);
  // The live region is a plain wrapper: ARIA roles on the list itself would hide its items' list semantics.
  var logRegion = el("div", { className: "sip-log" });
  logRegion.setAttribute("role", "log");
  logRegion.setAttribute("aria-live", "polite");
  logRegion.setAttribute("aria-label", TEXT.log);
  logRegion.tabIndex = 0;  // so keyboard users can scroll the conversation
  var log = el("ol", { className: "sip-list" });
  logRegion.appendChild(log);
  var status = el("p", { className: "sip-status" });
  status.setAttribute("role", "status");
  var form = el("form", { className: "sip-form" });
  var label = el("label", { className: "sip-visually-hidden", htmlFor: "sip-input", textContent: TEXT.inputLabel });
  var input = el("input", { id: "sip-input", type: "text", autocomplete: "off", maxLength: 2000 });
  var send = el("button", { type: "submit", textContent: TEXT.send });
  form.append(label, input, send);
  root.append(bar, logRegion, status, form);

  // Bot text may name web addresses; only http(s) ones and the bot's own pages become links,
  // opened safely. The bot's pages are on the bot's host, not the page that embeds the widget.
  function appendText(parent, text) {
    text.split(/(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]|\/(?:integritet|mina-uppgifter|forberedelse)\b)/).forEach(function (part, i) {
      if (i % 2 === 0) { parent.appendChild(document.createTextNode(part)); return; }
      var href = part.charAt(0) === "/" ? botUrl + part : part;
      var a = el("a", { href: href, target: "_blank", rel: "noopener noreferrer", textContent: part });
      a.appendChild(el("span", { className: "sip-visually-hidden", textContent: TEXT.opensNewTab }));
      parent.appendChild(a);
    });
  }

  function render(entry) {
    var item = el("li", { className: "sip-msg sip-msg--" + entry.who });
    if (entry.who === "bot") appendText(item, entry.text); else item.textContent = entry.text;
    log.appendChild(item);
    if (entry.buttons && entry.buttons.length) {
      var holder = el("li", { className: "sip-choices" });
      var group = el("div", { className: "sip-buttons" });
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", TEXT.choices);
      entry.buttons.forEach(function (b) {
        var button = el("button", { type: "button", textContent: b.title });
        button.addEventListener("click", function () { say(b.payload, b.title); input.focus(); });
        group.appendChild(button);
      });
      holder.appendChild(group);
      log.appendChild(holder);
    }
    logRegion.scrollTop = logRegion.scrollHeight;
  }

  function remember(entry) {
    transcript.push(entry);
    save(KEYS.transcript, transcript);
    render(entry);
  }

  // shown: the text to show as the person's message; false shows nothing (the greeting).
  function say(message, shown) {
    if (shown !== false) remember({ who: "user", text: shown || message });
    queue.push({ id: newId(), message: message });
    save(KEYS.queue, queue);
    flush();
  }

  var sending = false;
  var retryDelay = 2000;
  var retryTimer = null;

  // Sends queued messages one at a time, in order. A message that may have reached the bot is
  // resent with the same id, and the web app answers it from memory: never doubled.
  function flush() {
    if (sending || !queue.length) return;
    sending = true;
    status.textContent = TEXT.typing;
    var next = queue[0];
    fetch(botUrl + "/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: sender, message: next.message, message_id: next.id })
    }).then(function (resp) {
      if (resp.status >= 500) throw new Error("unavailable");
      return resp.json().then(function (data) {
        queue.shift();
        save(KEYS.queue, queue);
        retryDelay = 2000;
        status.textContent = "";
        if (!resp.ok) { remember({ who: "bot", text: data.error || TEXT.failed }); return; }
        data.messages.forEach(function (m) {
          if (m.text || (m.buttons && m.buttons.length)) {
            remember({ who: "bot", text: m.text || "", buttons: m.buttons || [] });
          }
        });
      });
    }).catch(function () {
      status.textContent = TEXT.offline;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(flush, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    }).then(function () {
      sending = false;
      if (queue.length && !status.textContent.length) flush();
    });
  }

  window.addEventListener("online", function () { clearTimeout(retryTimer); retryDelay = 2000; flush(); });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    say(text);
  });

  transcript.forEach(render);
  if (queue.length) flush();
  else if (!transcript.length) say("/greet", false);
})();
