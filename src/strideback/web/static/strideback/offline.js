/* strideback on a phone without a network: the morning check-in is kept on this phone (IndexedDB) and
 * sent to /api/checkins when the network returns, exactly once: each queued check-in carries a key made
 * here (a UUID) in an Idempotency-Key header, and the server stores one answer per key, so a retry after
 * a lost answer stores nothing twice. The session cookie goes with the request and the CSRF token is read
 * from its cookie at sending time. Without this file (or without IndexedDB) the form posts as usual.
 * The phone may believe it is online when the server is unreachable: a check-in whose request fails
 * (a network error, or the proxy's 502/503/504) is kept the same way (postForm).
 */
(function () {
  "use strict";

  var DB = "strideback-phone", STORE = "outbox", RETRY_MS = 15000;
  var CACHE = "strideback-offline-v1"; /* the service worker's cache (sw.js) */
  var statusLine = null, sending = false;

  function say(text) {
    if (!statusLine) { return; }
    statusLine.textContent = text;
    statusLine.hidden = !text;
  }

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: "key" }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(result && "result" in result ? result.result : result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function newKey() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function cookie(name) {
    var found = document.cookie.split("; ").filter(function (c) { return c.indexOf(name + "=") === 0; })[0];
    return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
  }

  /* The form's answers as the API's check-in (the same fields the page's form posts). */
  function checkinOf(form) {
    function checked(name) { var box = form.querySelector('[name="' + name + '"]:checked'); return box ? box.value : null; }
    function number(name) { var v = checked(name); if (v === null) { var el = form.elements[name]; v = el && el.value; } return v === null || v === "" || v === undefined ? null : Number(v); }
    var flags = {};
    Array.prototype.forEach.call(form.querySelectorAll('input[type="checkbox"][name^="flag_"]'), function (box) {
      flags[box.name.slice(5)] = box.checked;
    });
    return {
      date: form.elements.date.value,
      leg_pain: number("leg_pain"),
      back_pain: number("back_pain"),
      reach: checked("reach") || "none",
      numbness: form.elements.numbness.checked,
      tingling: form.elements.tingling.checked,
      weakness: form.elements.weakness.checked,
      stiffness_min: number("stiffness_min"),
      sleep: number("sleep"),
      note: form.elements.note ? form.elements.note.value : "",
      side: checked("side"),
      quality: Array.prototype.map.call(form.querySelectorAll('input[name="quality"]:checked'), function (box) { return box.value; }),
      red_flags: flags,
      replace: form.elements.replace ? form.elements.replace.checked : false
    };
  }

  /* Whose diary this page is (the account, or "local"): a check-in queued by one person is never sent
   * with another person's session on a shared phone. */
  function owner() { return statusLine ? statusLine.getAttribute("data-owner") || "local" : "local"; }

  function queue(checkin, uncertain) {
    return withStore("readwrite", function (store) {
      return store.put({ key: newKey(), owner: owner(), checkin: checkin, queued: Date.now(), uncertain: !!uncertain });
    });
  }

  function pending() {
    return withStore("readonly", function (store) { return store.getAll(); });
  }

  function done(key) {
    return withStore("readwrite", function (store) { return store.delete(key); });
  }

  function send(item) {
    return fetch("/api/checkins", {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": cookie("csrftoken"),
        "Idempotency-Key": item.key
      },
      body: JSON.stringify(item.checkin)
    }).then(function (response) {
      var day = item.checkin.date;
      if (response.status === 201) {
        return done(item.key).then(function () { return "Sent the check-in saved on this phone for " + day + "."; });
      }
      if (response.status === 409 && item.uncertain) { /* the first try had arrived; its answer had not */
        return done(item.key).then(function () { return "The check-in for " + day + " had reached the server already."; });
      }
      if (response.status === 409 || response.status === 422 || response.status === 400) {
        return response.json().catch(function () { return {}; }).then(function (answer) {
          return done(item.key).then(function () {
            return "The check-in saved on this phone for " + day + " was not stored: " + (answer.detail || "the server refused it") + ".";
          });
        });
      }
      if (response.status === 401 || response.status === 403) {
        throw new Error("Saved on this phone; sign in again to send it.");
      }
      throw new Error("Saved on this phone, will send (the server answered " + response.status + ").");
    });
  }

  function flush() {
    if (sending || !navigator.onLine) { return Promise.resolve(); }
    sending = true;
    var said = [];
    return pending().then(function (items) {
      items = items.filter(function (item) { return item.owner === owner(); });
      items.sort(function (a, b) { return a.queued - b.queued; });
      return items.reduce(function (chain, item) {
        return chain.then(function () { return send(item).then(function (text) { said.push(text); }); });
      }, Promise.resolve());
    }).then(function () {
      if (said.length) { say(said.join(" ") + " Reload to see today's light."); }
    }).catch(function (error) {
      say(error && error.message && error.message.indexOf("Saved on this phone") === 0 ? error.message : "Saved on this phone, will send when the network is back.");
    }).then(function () { sending = false; });
  }

  function localDay() {
    var now = new Date();
    return now.getFullYear() + "-" + ("0" + (now.getMonth() + 1)).slice(-2) + "-" + ("0" + now.getDate()).slice(-2);
  }

  /* Keep this page's CSS, JS and icons for the service worker (the first visit loads them before it runs). */
  function keepAssets() {
    if (!window.caches || !navigator.serviceWorker) { return; }
    var urls = Array.prototype.map.call(
      document.querySelectorAll('link[rel="stylesheet"], link[rel="icon"], link[rel="manifest"], script[src]'),
      function (el) { return el.getAttribute("href") || el.getAttribute("src"); }
    ).filter(function (u) { return u && (u.indexOf("/static/") === 0 || u === "/manifest.webmanifest"); });
    navigator.serviceWorker.ready.then(function () {
      return caches.open(CACHE).then(function (cache) {
        return Promise.all(urls.map(function (u) {
          return cache.match(u).then(function (hit) { return hit || cache.add(u); });
        }));
      });
    }).catch(function () { return null; });
  }

  function setupForm(form) {
    var offlineCopy = document.querySelector("[data-offline-form]");
    if (offlineCopy && form.elements.date && form.elements.date.value < localDay()) {
      form.elements.date.value = localDay(); /* the copy was kept on an earlier day */
    }
    form.addEventListener("submit", function (event) {
      var checkin = checkinOf(form);
      if (checkin.leg_pain === null || checkin.back_pain === null) {
        if (navigator.onLine) { return; } /* the server's form names what is missing */
        event.preventDefault();
        say("Choose your leg pain and back pain first.");
        return;
      }
      event.preventDefault();
      if (!navigator.onLine) { keep(checkin, false); return; }
      postForm(form, checkin);
    });
  }

  /* Online as far as the phone knows: post the form as it would post itself, but keep the check-in on
   * the phone when the request fails (server unreachable, or the proxy's 502/503/504 while the app
   * servers are down). Such a failure may come after the server stored it (the answer lost on the way
   * back), so the kept copy is marked: if the server says it has that day already, it had arrived. */
  function postForm(form, checkin) {
    var button = form.querySelector('button[type="submit"]');
    if (button) { button.disabled = true; }
    fetch(form.getAttribute("action") || window.location.pathname, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      redirect: "manual"
    }).then(function (response) {
      if (response.type === "opaqueredirect") { /* stored: Today shows the server's message */
        window.location.assign("/");
      } else if (response.status === 502 || response.status === 503 || response.status === 504) {
        keep(checkin, true);
      } else { /* the server's own answer (the form with its errors, ...): nothing was stored */
        HTMLFormElement.prototype.submit.call(form);
      }
    }).catch(function () {
      keep(checkin, true);
    }).then(function () {
      if (button) { button.disabled = false; }
    });
  }

  function keep(checkin, uncertain) {
    queue(checkin, uncertain).then(function () {
      say("Saved on this phone, will send when you are back online.");
    }).catch(function () {
      say("This phone could not keep the check-in; try again when you are online.");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    statusLine = document.getElementById("offline-status");
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(keepAssets).catch(function () { return null; });
    }
    if (!window.indexedDB || !window.fetch) { return; }
    var form = document.getElementById("checkin-form");
    if (form) { setupForm(form); }
    pending().then(function (items) {
      if (items.filter(function (item) { return item.owner === owner(); }).length) { say("Saved on this phone, will send when you are back online."); }
    }).catch(function () { return null; });
    window.addEventListener("online", flush);
    window.addEventListener("offline", function () { say("You are offline: a check-in is kept on this phone and sent later."); });
    window.setInterval(flush, RETRY_MS);
    flush();
  });
})();
