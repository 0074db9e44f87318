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

  /* Import: drag and drop or a whole folder, uploaded in parts (at most CHUNK_FILES files and about
     CHUNK_BYTES each, well inside the server's per-request limits), one after the other, with one
     progress bar across all parts; then the summary of every part and a fresh list. Re-sending a part
     is harmless: the import skips what it already has. */
  var CHUNK_FILES = 50, CHUNK_BYTES = 32 * 1024 * 1024;  /* the page's data-chunk-files overrides */

  function chunksOf(files) {
    var chunks = [], current = [], bytes = 0;
    Array.prototype.forEach.call(files, function (f) {
      if (current.length && (current.length >= CHUNK_FILES || bytes + f.size > CHUNK_BYTES)) {
        chunks.push(current); current = []; bytes = 0;
      }
      current.push(f); bytes += f.size;
    });
    if (current.length) { chunks.push(current); }
    return chunks;
  }

  function setupImport(form) {
    var inputs = form.querySelectorAll('input[type="file"]');
    var progress = form.querySelector("progress");
    var status = form.querySelector("[role=status]");
    var token = form.querySelector("[name=csrfmiddlewaretoken]").value;
    CHUNK_FILES = parseInt(form.dataset.chunkFiles, 10) || CHUNK_FILES;
    CHUNK_BYTES = parseInt(form.dataset.chunkBytes, 10) || CHUNK_BYTES;

    var chosenBox = document.getElementById("import-chosen");
    var run = null;  /* issue 15: the import run the parts go to (its own result page) */

    function showChosen() {
      /* The chosen files, listed before anything is imported. */
      if (!chosenBox) { return; }
      var files = chosenFiles(), list = chosenBox.querySelector("ul"), bytes = 0;
      list.textContent = "";
      files.forEach(function (f, i) {
        bytes += f.size;
        if (i < 100) { var li = document.createElement("li"); li.textContent = (f.webkitRelativePath || f.name) + " (" + sizeText(f.size) + ")"; list.appendChild(li); }
      });
      if (files.length > 100) { var more = document.createElement("li"); more.textContent = "and " + (files.length - 100) + " more"; list.appendChild(more); }
      chosenBox.querySelector("p").textContent = files.length + (files.length === 1 ? " file" : " files") + " chosen (" + sizeText(bytes) + "). Press Import to import them.";
      chosenBox.hidden = !files.length;
    }
    function sizeText(bytes) {
      return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + " MB" : Math.max(1, Math.round(bytes / 1024)) + " kB";
    }
    function chosenFiles() {
      var files = [];
      inputs.forEach(function (input) { Array.prototype.push.apply(files, input.files); });
      return files;
    }
    inputs.forEach(function (input) { input.addEventListener("change", showChosen); });

    function post(url, data, onDone) {
      var xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.addEventListener("load", function () {
        var answer = null;
        try { answer = JSON.parse(xhr.responseText); } catch (err) { answer = null; }
        if (xhr.status !== 200 || !answer || answer.error) { onDone(null, (answer && answer.error) || ("the server answered " + xhr.status)); }
        else { onDone(answer, null); }
      });
      xhr.addEventListener("error", function () { onDone(null, "the upload failed: is strideback still running?"); });
      xhr.send(data);
      return xhr;
    }

    function sendChunk(files, done, total, onProgress, onDone) {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", token);
      files.forEach(function (f) { data.append("files", f, f.webkitRelativePath || f.name); });
      var xhr = new XMLHttpRequest();
      xhr.open("POST", run ? run.files_url : form.action);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", function (e) { if (e.lengthComputable) { onProgress(e.loaded / e.total); } });
      xhr.addEventListener("load", function () {
        var report;
        try { report = JSON.parse(xhr.responseText); } catch (err) { report = null; }
        if (xhr.status !== 200 || !report || report.error || report.detail) {
          var why = (report && (report.error || report.detail)) || ("the server answered " + xhr.status);
          onDone(null, why);
        } else { onDone(report, null); }
      });
      xhr.addEventListener("error", function () { onDone(null, "the upload failed: is strideback still running?"); });
      xhr.send(data);
    }

    function send(files) {
      if (!files || !files.length) { status.textContent = "Choose at least one file to import."; return; }
      if (form.dataset.newUrl && !run) {
        /* A run first, named by the chosen files; its parts follow; then its page shows the progress. */
        var data = new FormData();
        data.append("csrfmiddlewaretoken", token);
        data.append("chosen", Array.prototype.map.call(files, function (f) { return f.webkitRelativePath || f.name; }).join("\n"));
        status.textContent = "Preparing the import…";
        post(form.dataset.newUrl, data, function (answer, error) {
          if (error) { status.textContent = error; return; }
          run = answer; send(files);
        });
        return;
      }
      var chunks = chunksOf(files), totalBytes = 0, sentBytes = 0, index = 0;
      Array.prototype.forEach.call(files, function (f) { totalBytes += f.size; });
      var sum = { imported: 0, duplicates: 0, failed: [], skipped: [] };
      progress.hidden = false; progress.value = 0;
      function next() {
        if (index >= chunks.length) {
          if (!run) { return finish(null); }
          status.textContent = "Uploaded. Importing…";
          var data = new FormData();
          data.append("csrfmiddlewaretoken", token);
          return post(run.start_url, data, function (answer, error) {
            if (error) { return finish("The import did not start: " + error + "."); }
            window.location.href = answer.page_url;
          });
        }
        var chunk = chunks[index], chunkBytes = 0;
        chunk.forEach(function (f) { chunkBytes += f.size; });
        status.textContent = "Uploading " + files.length + (files.length === 1 ? " file" : " files") +
          (chunks.length > 1 ? " (part " + (index + 1) + " of " + chunks.length + ")…" : "…");
        sendChunk(chunk, index, chunks.length, function (fraction) {
          progress.value = Math.round((100 * (sentBytes + fraction * chunkBytes)) / Math.max(totalBytes, 1));
        }, function (report, error) {
          if (error) { return finish("Part " + (index + 1) + " of " + chunks.length + " was not imported: " + error + ". Choose the files again to retry; what was imported is kept."); }
          sum.imported += report.imported; sum.duplicates += report.duplicates;
          sum.failed = sum.failed.concat(report.failed || []); sum.skipped = sum.skipped.concat(report.skipped || []);
          sentBytes += chunkBytes; index += 1; next();
        });
      }
      function finish(problem) {
        progress.value = problem ? progress.value : 100;
        var text = "Imported " + sum.imported + " sessions (" + sum.duplicates + " already there).";
        if (sum.skipped.length) { text += " Skipped " + sum.skipped.length + " files with nothing to import (" + sum.skipped.slice(0, 5).map(function (f) { return f.path + ": " + f.reason; }).join("; ") + (sum.skipped.length > 5 ? "; and " + (sum.skipped.length - 5) + " more" : "") + ")."; }
        if (sum.failed.length) { text += " Could not read: " + sum.failed.slice(0, 10).map(function (f) { return f.path + " (" + f.error + ")"; }).join("; ") + (sum.failed.length > 10 ? "; and " + (sum.failed.length - 10) + " more" : "") + "."; }
        status.textContent = problem ? problem + " " + text : text;
        if (sum.imported && !problem) { window.setTimeout(function () { window.location.reload(); }, 1200); }
      }
      next();
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var files = [];
      inputs.forEach(function (input) { Array.prototype.push.apply(files, input.files); });
      send(files);
    });
    ["dragenter", "dragover"].forEach(function (name) {
      form.addEventListener(name, function (e) { e.preventDefault(); form.classList.add("dragging"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      form.addEventListener(name, function (e) { e.preventDefault(); form.classList.remove("dragging"); });
    });
    form.addEventListener("drop", function (e) { send(e.dataTransfer.files); });
  }

  /* An import's own page: while it runs, ask for its progress every second; reload when it ends. */
  function watchImport(box) {
    var bar = document.getElementById("import-run-progress"), count = document.getElementById("import-run-count");
    function ask() {
      var xhr = new XMLHttpRequest();
      xhr.open("GET", box.dataset.progressUrl);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.addEventListener("load", function () {
        var p = null;
        try { p = JSON.parse(xhr.responseText); } catch (err) { p = null; }
        if (!p) { return window.setTimeout(ask, 2000); }
        if (p.state === "done" || p.state === "failed") { return window.location.reload(); }
        if (bar) { bar.value = p.percent; }
        if (count) { count.textContent = p.files_done + " files read (" + p.percent + "%)."; }
        window.setTimeout(ask, 1000);
      });
      xhr.addEventListener("error", function () { window.setTimeout(ask, 3000); });
      xhr.send();
    }
    window.setTimeout(ask, 500);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var importRun = document.getElementById("import-run");
    if (importRun && (importRun.dataset.state === "running" || importRun.dataset.state === "receiving")) { watchImport(importRun); }
    document.querySelectorAll("fieldset.reach").forEach(setupReach);
    var importForm = document.getElementById("import-form");
    if (importForm) { setupImport(importForm); }
    drawCharts();
    /* A form sent back with errors: bring the first field in error into view, next to its message. */
    var firstError = document.querySelector("form .has-error");
    if (firstError) { firstError.scrollIntoView({ block: "center" }); }
  });
})();
