/* strideback service worker: keeps Today (and its check-in form) usable without a network.
 *
 * - Today ("/") is fetched from the network first; the last good copy is kept and shown offline.
 * - Our CSS, JS and icons (/static/, versioned with ?v=) come from the cache first.
 * - Nothing else is intercepted: the API and every other page always go to the network.
 * A check-in made offline is queued in IndexedDB by offline.js (not here) and sent when online.
 * Served from /sw.js so that its scope is the whole site.
 */
"use strict";

var CACHE = "strideback-offline-v1";
var TODAY = "/";
var OFFLINE_CHECKIN = "/offline/checkin"; /* a blank check-in form, for a day with no copy of Today */
var KEPT_ON = "/offline/kept-on"; /* the day (on this phone) the copy of Today was kept */

function localDay() {
  var now = new Date();
  return now.getFullYear() + "-" + ("0" + (now.getMonth() + 1)).slice(-2) + "-" + ("0" + now.getDate()).slice(-2);
}

function keepToday(response) {
  /* Only a real copy of Today: a redirect (to sign in) means there is no diary to keep. */
  if (!response || !response.ok || response.redirected || response.type !== "basic") {
    return caches.open(CACHE).then(function (cache) { return cache.delete(TODAY); });
  }
  var copy = response.clone();
  return caches.open(CACHE).then(function (cache) {
    return Promise.all([cache.put(TODAY, copy), cache.put(KEPT_ON, new Response(localDay()))]);
  });
}

function keepBlankForm() {
  return fetch(OFFLINE_CHECKIN, { credentials: "same-origin" }).then(function (response) {
    if (!response.ok || response.redirected) { return null; }
    return caches.open(CACHE).then(function (cache) { return cache.put(OFFLINE_CHECKIN, response); });
  }).catch(function () { return null; });
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    fetch(TODAY, { credentials: "same-origin" })
      .then(keepToday)
      .catch(function () { return null; })
      .then(keepBlankForm)
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n !== CACHE; }).map(function (n) { return caches.delete(n); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function todayFromNetwork(request) {
  return fetch(request).then(function (response) {
    if (new URL(request.url).search === "") { keepToday(response).then(keepBlankForm); }
    return response;
  }).catch(function () {
    /* Today's own copy when it was kept today; on a later day, the blank check-in form instead
     * (yesterday's light is not today's advice, and yesterday's page may hold no form at all). */
    return caches.open(CACHE).then(function (cache) {
      return cache.match(KEPT_ON).then(function (kept) { return kept ? kept.text() : ""; }).then(function (day) {
        return cache.match(day === localDay() ? TODAY : OFFLINE_CHECKIN).then(function (page) {
          return page || cache.match(OFFLINE_CHECKIN);
        });
      });
    }).then(function (cached) {
      return cached || new Response(
        "<!doctype html><title>Offline</title><p>You are offline and this phone has no copy of Today yet. " +
        "Open strideback once while online.</p>",
        { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } }
      );
    });
  });
}

function staticFromCache(request) {
  return caches.match(request).then(function (cached) {
    if (cached) { return cached; }
    return fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate" && url.pathname === TODAY) {
    event.respondWith(todayFromNetwork(request));
  } else if (url.pathname.indexOf("/static/") === 0 || url.pathname === "/manifest.webmanifest") {
    event.respondWith(staticFromCache(request));
  }
});
