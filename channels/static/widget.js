// SIP-guiden chat widget: no framework, text only (never innerHTML with bot or user text).
(function () {
  "use strict";
  var root = document.getElementById("sip-chat");
  if (!root) return;
  var botUrl = (root.getAttribute("data-bot-url") || "").replace(/\/$/, "");
  var senderKey = "sip-guiden-sender";
  var sender = localStorage.getItem(senderKey);
  if (!sender) {
    sender = "web-" + (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2));
    localStorage.setItem(senderKey, sender);
  }

  // Creates an element with the given properties (textContent, never innerHTML).
  function el(tag, props) { return Object.assign(document.createElement(tag), props); }

  root.className = "sip-chat";
  // Always visible: the crisis help is one tap away wherever the conversation is.
  var bar = el("div", { className: "sip-bar" });
  var helpNow = el("button", { type: "button", className: "sip-help-now", textContent: "Behöver du hjälp nu?" });
  helpNow.addEventListener("click", function () { sendMessage("/crisis", helpNow.textContent); });
  bar.appendChild(helpNow);
  var log = el("ol", { className: "sip-log" });
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-label", "Chattmeddelanden");
  var form = el("form", { className: "sip-form" });
  var label = el("label", { className: "sip-visually-hidden", htmlFor: "sip-input", textContent: "Skriv ditt meddelande" });
  var input = el("input", { id: "sip-input", autocomplete: "off", maxLength: 2000 });
  var send = el("button", { type: "submit", textContent: "Skicka" });
  form.append(label, input, send);
  root.append(bar, log, form);

  function add(text, who) {
    var item = document.createElement("li");
    item.className = "sip-msg sip-msg--" + who;
    item.textContent = text;
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    return item;
  }

  function addButtons(buttons) {
    var item = document.createElement("li");
    item.className = "sip-buttons";
    buttons.forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = b.title;
      button.addEventListener("click", function () { sendMessage(b.payload, b.title); });
      item.appendChild(button);
    });
    log.appendChild(item);
  }

  // shown: the text to show as the person's message; false shows nothing (the greeting).
  function sendMessage(message, shown) {
    if (shown !== false) add(shown || message, "user");
    return fetch(botUrl + "/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: sender, message: message })
    }).then(function (resp) {
      return resp.json().then(function (data) {
        if (!resp.ok) { add(data.error || "Något gick fel. Försök igen.", "bot"); return; }
        data.messages.forEach(function (m) {
          if (m.text) add(m.text, "bot");
          if (m.buttons && m.buttons.length) addButtons(m.buttons);
        });
      });
    }).catch(function () {
      add("Jag kunde inte nå chatten just nu. Försök igen om en liten stund.", "bot");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    sendMessage(text);
  });

  sendMessage("/greet", false);
})();
