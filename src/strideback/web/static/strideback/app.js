/* strideback: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  /* Reach picker: the leg drawing selects the radio button; the radios stay the source of truth. */
  var REACH = ["none", "buttock", "thigh", "knee", "calf", "foot"];
  function setupReach(fieldset) {
    var radios = fieldset.querySelectorAll('input[type="radio"]');
    var parts = fieldset.querySelectorAll(".leg-part");
    function paint() {
      var chosen = "none";
      radios.forEach(function (r) { if (r.checked) { chosen = r.value; } });
      var level = REACH.indexOf(chosen);
      parts.forEach(function (p) {
        p.classList.toggle("on", level > 0 && REACH.indexOf(p.dataset.reach) <= level);
      });
    }
    parts.forEach(function (p) {
      p.addEventListener("click", function () {
        radios.forEach(function (r) {
          if (r.value === p.dataset.reach) { r.checked = true; r.dispatchEvent(new Event("change", { bubbles: true })); r.focus(); }
        });
      });
    });
    radios.forEach(function (r) { r.addEventListener("change", paint); });
    paint();
  }

  /* Charts: Vega-Lite specs inline as JSON, drawn with the locally served vega-embed. */
  var NARROW = 480;
  /* On a phone, legends side by side run off the edge: stack them, one under the other. */
  function stackLegends(vega) {
    vega.config = vega.config || {};
    var legend = vega.config.legend = vega.config.legend || {};
    legend.layout = { top: { direction: "vertical", anchor: "start" }, bottom: { direction: "vertical", anchor: "start" } };
    return vega;
  }
  function drawCharts() {
    var boxes = document.querySelectorAll("[data-chart]");
    if (!boxes.length) { return; }
    if (typeof window.vegaEmbed !== "function") {
      boxes.forEach(function (box) { box.textContent = "The chart script did not load."; box.classList.add("chart-error"); });
      return;
    }
    var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    boxes.forEach(function (box) {
      var source = document.getElementById(box.dataset.chart);
      if (!source) { return; }
      var spec = JSON.parse(source.textContent);
      var options = { actions: false, renderer: "svg", tooltip: true };
      if (dark) { options.theme = "dark"; }
      if (box.clientWidth < NARROW) { options.patch = stackLegends; }
      window.vegaEmbed(box, spec, options).catch(function (error) {
        box.textContent = "This chart could not be drawn: " + error.message;
        box.classList.add("chart-error");
      });
    });
  }

  /* Import: drag and drop, upload with progress, then the summary and a fresh list. */
  function setupImport(form) {
    var input = form.querySelector('input[type="file"]');
    var progress = form.querySelector("progress");
    var status = form.querySelector("[role=status]");
    function send(files) {
      if (!files || !files.length) { status.textContent = "Choose at least one file to import."; return; }
      var data = new FormData();
      data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      Array.prototype.forEach.call(files, function (f) { data.append("files", f, f.name); });
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("Accept", "application/json");
      progress.hidden = false; progress.value = 0;
      status.textContent = "Uploading " + files.length + (files.length === 1 ? " file…" : " files…");
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          progress.value = Math.round((100 * e.loaded) / e.total);
          if (e.loaded === e.total) { status.textContent = "Uploaded; reading the files…"; }
        }
      });
      xhr.addEventListener("load", function () {
        progress.value = 100;
        var report;
        try { report = JSON.parse(xhr.responseText); } catch (err) { report = { error: "The server answered " + xhr.status + "." }; }
        if (xhr.status !== 200 || report.error) { status.textContent = report.error || ("Import failed (" + xhr.status + ")."); return; }
        var text = "Imported " + report.imported + " sessions (" + report.duplicates + " already there).";
        if (report.failed.length) {
          text += " Could not read: " + report.failed.map(function (f) { return f.path + " (" + f.error + ")"; }).join("; ") + ".";
        }
        status.textContent = text;
        if (report.imported) { window.setTimeout(function () { window.location.reload(); }, 1200); }
      });
      xhr.addEventListener("error", function () { status.textContent = "The upload failed: is strideback still running?"; });
      xhr.send(data);
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); send(input.files); });
    ["dragenter", "dragover"].forEach(function (name) {
      form.addEventListener(name, function (e) { e.preventDefault(); form.classList.add("dragging"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      form.addEventListener(name, function (e) { e.preventDefault(); form.classList.remove("dragging"); });
    });
    form.addEventListener("drop", function (e) { send(e.dataTransfer.files); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("fieldset.reach").forEach(setupReach);
    var importForm = document.getElementById("import-form");
    if (importForm) { setupImport(importForm); }
    drawCharts();
    /* A form sent back with errors: bring the first field in error into view, next to its message. */
    var firstError = document.querySelector("form .has-error");
    if (firstError) { firstError.scrollIntoView({ block: "center" }); }
  });
})();
