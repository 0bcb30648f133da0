/*
 * checklists.js: a checklist's status line and its report, for commissioners and managers who
 * assess a service against a checklist (overrides/hub/_records.html, macro `checklist`).
 *
 * Enhances `form.hub-record[data-hub-report]`, whose values records.js keeps and restores:
 *   .hub-assessment input                 the service, the assessor and the date (labelled)
 *   .hub-field--status                    one item: fieldset.hub-status > legend (its text, with
 *                                         .hub-status__number), .hub-list__sub li (sub-points),
 *                                         .hub-source, .hub-guidance a (where to read more), the
 *                                         radios "in-place" / "partly" / "not-yet", and a note
 *                                         (textarea[data-hub-note])
 *   .hub-record__status                   rewritten as "9 of 16 in place, 4 partly" whenever
 *                                         records.js fires `hub:records-updated`
 *   button[data-hub-action=report-html]   downloads the report as one self-contained web page:
 *                                         inline CSS only, no script, no external request, so it
 *                                         opens with a double click anywhere and prints cleanly
 *   button[data-hub-action=report-csv]    downloads it as CSV for Excel: UTF-8 with a byte order
 *                                         mark, CRLF lines, every cell quoted, and a cell that
 *                                         starts like a formula (= + - @, tab, return) prefixed
 *                                         with ' so a spreadsheet shows it as text
 * Uses window.hubStorage (storage.js) only to offer the files.
 */
(function () {
  "use strict";

  var storage = window.hubStorage;

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  /* Everything the report says, read from the form as the reader sees it. */
  function read(form) {
    var assessment = Array.prototype.map.call(form.querySelectorAll(".hub-assessment input"), function (input) {
      return { label: text(input.labels[0]), value: input.value.trim() };
    });
    var items = Array.prototype.map.call(form.querySelectorAll(".hub-field--status"), function (field) {
      var legend = field.querySelector(".hub-status > legend");
      var chosen = field.querySelector(".hub-status input[type=radio]:checked");
      var guidance = field.querySelector(".hub-guidance a");
      return {
        number: text(legend.querySelector(".hub-status__number")).replace(/\.$/, ""),
        text: text(legend).replace(/^\d+\.\s*/, ""),
        subpoints: Array.prototype.map.call(field.querySelectorAll(".hub-list__sub li"), text),
        source: text(field.querySelector(".hub-source")).replace(/^Source:\s*/, ""),
        guidance: guidance ? { text: text(guidance), href: storage.address(guidance.getAttribute("href")) } : null,
        status: chosen ? chosen.value : "",
        statusText: chosen ? text(chosen.labels[0]) : "Not marked",
        note: (field.querySelector("textarea[data-hub-note]") || { value: "" }).value.trim()
      };
    });
    var counts = { "in-place": 0, partly: 0, "not-yet": 0, "": 0 };
    items.forEach(function (item) { counts[item.status] += 1; });
    return {
      title: form.dataset.hubTitle || document.title,
      progress: form.dataset.hubProgress || "in place",
      assessment: assessment,
      items: items,
      counts: counts,
      page: storage.source(),
      page_title: text(document.querySelector("article h1")).replace(/\s*\u00b6$/, "")
    };
  }

  /* "9 of 16 in place, 4 partly"; in full, also how many are not yet and how many not marked. */
  function summary(report, full) {
    var c = report.counts;
    var parts = [c["in-place"] + " of " + report.items.length + " " + report.progress, c.partly + " partly"];
    if (full) parts.push(c["not-yet"] + " not yet", c[""] + " not marked");
    return parts.join(", ");
  }

  function escape(value) {
    return String(value).replace(/[&<>"']/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch];
    });
  }

  function detail(report, label) {
    var found = report.assessment.filter(function (field) { return field.label === label; })[0];
    return found ? found.value : "";
  }

  function fileName(report, form, extension) {
    var service = detail(report, "Service").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40);
    return [form.dataset.hubDataset, service, detail(report, "Date") || storage.today()]
      .filter(Boolean).join("-") + "." + extension;
  }

  var STYLE = [
    "body{font:11pt/1.45 Arial,Helvetica,sans-serif;color:#000;background:#fff;max-width:48em;margin:1.5em auto;padding:0 1em}",
    "h1{font-size:1.5em;margin:0 0 .3em}",
    "dl.about{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:0 0 1em}",
    "dl.about dt{font-weight:700}dl.about dd{margin:0}",
    ".counts{font-size:1.15em;font-weight:700;border:2px solid #000;padding:.4em .7em;display:inline-block}",
    "ol.items{padding:0;list-style:none}",
    "ol.items>li{border-top:1px solid #777;padding:.6em 0}",
    "ol.items p,ol.items ul{break-inside:avoid;page-break-inside:avoid;orphans:3;widows:3}",
    "ol.items>li>p:first-child{break-after:avoid;page-break-after:avoid}",
    ".number{font-weight:700}",
    ".status{display:inline-block;margin:.3em 0;padding:.1em .5em;border:1.5px solid #000;font-weight:700}",
    ".status--not-marked{border-style:dashed;font-weight:400}",
    ".note{margin:.3em 0 0;padding-left:.6em;border-left:3px solid #000;white-space:pre-wrap;overflow-wrap:anywhere}",
    ".meta{font-size:.9em;color:#333}",
    "a{color:#000}",
    "@page{size:A4;margin:16mm}",
    "@media print{body{margin:0;max-width:none;padding:0}}"
  ].join("\n");

  function toHtml(report) {
    var out = [
      "<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      "<title>" + escape(report.title) + "</title>", "<style>" + STYLE + "</style>", "</head>", "<body>",
      "<h1>" + escape(report.title) + "</h1>"
    ];
    if (report.page_title && report.page_title !== report.title) {
      out.push('<p class="meta">' + escape(report.page_title) + ", Peer Support Knowledge Hub</p>");
    }
    out.push('<dl class="about">');
    report.assessment.forEach(function (field) {
      out.push("<dt>" + escape(field.label) + "</dt><dd>" + (field.value ? escape(field.value) : "Not given") + "</dd>");
    });
    out.push("</dl>", '<p class="counts">' + escape(summary(report, true)) + "</p>", '<ol class="items">');
    report.items.forEach(function (item) {
      out.push("<li>", "<p>" + (item.number ? '<span class="number">' + escape(item.number) + ".</span> " : "") + escape(item.text) + "</p>");
      if (item.subpoints.length) {
        out.push("<ul>" + item.subpoints.map(function (point) { return "<li>" + escape(point) + "</li>"; }).join("") + "</ul>");
      }
      out.push('<p class="status' + (item.status ? "" : " status--not-marked") + '">' + escape(item.statusText) + "</p>");
      if (item.note) out.push('<p class="note"><strong>Note:</strong> ' + escape(item.note) + "</p>");
      var meta = [];
      if (item.guidance) {
        meta.push("Guidance: " + (item.guidance.href
          ? '<a href="' + escape(item.guidance.href) + '">' + escape(item.guidance.text) + "</a>"
          : escape(item.guidance.text)));
      }
      if (item.source) meta.push("Source: " + escape(item.source));
      if (meta.length) out.push('<p class="meta">' + meta.join(" · ") + "</p>");
      out.push("</li>");
    });
    out.push("</ol>", '<p class="meta">Made on ' + escape(storage.today()) + " from " + escape(report.page) +
      ". Kept on your device only: the hub never sees this file.</p>", "</body>", "</html>", "");
    return out.join("\n");
  }

  /* One CSV cell: quoted, quotes doubled, and never read by a spreadsheet as a formula. */
  function cell(value) {
    var s = String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return '"' + s.replace(/"/g, '""') + '"';
  }

  function toCsv(report) {
    var about = report.assessment.map(function (field) { return field.label; });
    var rows = [["Number", "Item", "Sub-points", "Status", "Note", "Guidance", "Source"].concat(about)];
    var values = report.assessment.map(function (field) { return field.value; });
    report.items.forEach(function (item) {
      rows.push([item.number, item.text, item.subpoints.map(function (p) { return "\u2022 " + p; }).join("\n"),
        item.statusText, item.note, item.guidance ? item.guidance.href || item.guidance.text : "", item.source].concat(values));
    });
    return "\ufeff" + rows.map(function (row) { return row.map(cell).join(","); }).join("\r\n") + "\r\n";
  }

  function enhance(form) {
    var status = form.querySelector(".hub-record__status");
    form.addEventListener("hub:records-updated", function () {
      if (status) status.textContent = summary(read(form));
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-hub-action]");
      if (!button) return;
      var report;
      if (button.dataset.hubAction === "report-html") {
        report = read(form);
        storage.download(fileName(report, form, "html"), toHtml(report), "text/html;charset=utf-8");
      } else if (button.dataset.hubAction === "report-csv") {
        report = read(form);
        storage.download(fileName(report, form, "csv"), toCsv(report), "text/csv;charset=utf-8");
      }
    });
    if (status && form.hasAttribute("data-hub-ready")) status.textContent = summary(read(form));
  }

  document.querySelectorAll("form.hub-record[data-hub-report]").forEach(enhance);
})();
