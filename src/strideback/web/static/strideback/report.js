/* The Report page: make the PDF in the background, show its steps, then offer the download (issue 15).
   Without this script the form still works: it asks for the PDF directly and the browser waits. */
(function () {
  "use strict";

  var POLL_MS = 400;

  function words(state) {
    if (state.state === "ready") { return "Ready."; }
    if (state.state === "failed") { return "The report could not be made. Try again, or use the download without steps."; }
    if (state.step) { return "Step " + state.step_number + " of " + state.steps + ": " + state.step + "…"; }
    return "Starting…";
  }

  function setup(form) {
    var box = form.querySelector("[data-report-progress]");
    var bar = box.querySelector("progress");
    var step = box.querySelector("[data-report-step]");
    var done = box.querySelector("[data-report-done]");
    var link = box.querySelector("[data-report-download]");
    var button = form.querySelector("button[type=submit]");
    var timer = null;
    var download = null;

    function show(state) {
      box.hidden = false;
      bar.max = state.steps || 4;
      bar.value = state.state === "ready" ? bar.max : Math.max((state.step_number || 1) - 1, 0);
      step.textContent = words(state);
      if (state.state === "ready") {
        link.href = download;
        done.hidden = false;
        button.disabled = false;
        link.focus();
      } else if (state.state === "failed") {
        button.disabled = false;
      } else {
        timer = window.setTimeout(function () { poll(state.progress_url); }, POLL_MS);
      }
    }

    function failed() {
      show({ state: "failed" });
    }

    function poll(url) {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(show, failed);
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (timer) { window.clearTimeout(timer); }
      done.hidden = true;
      button.disabled = true;
      var data = new FormData(form);
      fetch(form.getAttribute("data-report-make"), {
        method: "POST",
        body: data,
        headers: { Accept: "application/json", "X-CSRFToken": form.getAttribute("data-csrf") },
        credentials: "same-origin"
      })
        .then(function (r) {
          if (r.status === 400) { form.submit(); return Promise.reject("invalid"); }  // the page shows the errors
          return r.ok ? r.json() : Promise.reject(r.status);
        })
        .then(function (state) { download = state.download_url; show(state); }, function (why) {
          if (why !== "invalid") { failed(); }
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-report-make]").forEach(setup);
  });
})();
