/*
 * candidates.js: one interview panel sheet per candidate (overrides/hub/paired-indicators.panel.html).
 *
 * Enhances:
 *   .hub-candidates[data-hub-candidates="<store>"]   the candidates bar, hidden until this runs:
 *       select[data-hub-candidate-pick]               which candidate's sheet is shown
 *       [data-hub-candidate-action=add|delete|guidance|blank]
 *       .hub-candidates__notice                       says when candidates cannot be kept
 *   form.hub-record[data-hub-store="<store>"]         the sheet that follows it (records.js keeps
 *                                                     its answers); this script picks whose:
 *       [data-hub-item=candidate]                     the candidate's name or reference
 *       [data-hub-shows="<item>"]                     a write-in line for paper: gets the item's
 *                                                     value (a date written out)
 *
 * Runs before records.js (mkdocs.yml order) and points the form at the shown candidate's store,
 * "<store>.<candidate id>", so records.js keeps, restores and downloads that candidate's answers
 * only. Switching, adding or deleting a candidate reloads the page onto the other store.
 * Kept through window.hubStorage (storage.js): the list of candidate ids and the one shown under
 * hub:v1:<store>-candidates:list and :shown. A sheet kept before candidates existed (answers under
 * "<store>" itself) becomes the first candidate's.
 * Downloads are named after the candidate (form[data-hub-filename], read by records.js) and
 * headed with their name (form[data-hub-title]). "Print the guidance sheet" prints the reference
 * sections alone (the DBS guidance), so they print once, not with every candidate. "Print a blank
 * sheet" prints the sheet with every answer hidden (class hub-pairs--blank, print CSS only: the
 * kept answers are not touched), to fill in by hand. A candidate's printed sheet names them in
 * the running header of every page (an @page margin box this script writes).
 * With storage blocked there is one sheet, and the notice says candidates will not be kept.
 */
(function () {
  "use strict";

  var storage = window.hubStorage;

  function slug(text) {
    return text.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  }

  function longDate(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    if (!match) return text;
    var date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  function Candidates(bar, form) {
    this.bar = bar;
    this.form = form;
    this.base = bar.dataset.hubCandidates;
    this.title = form.dataset.hubTitle || document.title;
    this.list = storage.open(this.base + "-candidates");
  }

  Candidates.prototype.sheet = function (id) {
    return storage.open(this.base + "." + id);
  };

  /* The candidate ids kept on this device, in the order they were added (never empty). */
  Candidates.prototype.ids = function () {
    var ids = this.list.get("list");
    if (Array.isArray(ids) && ids.length && ids.every(function (id) { return /^[a-z0-9-]+$/.test(id); })) return ids;
    if (ids !== undefined) this.list.markCorrupt();
    ids = ["1"];
    this.adoptOldSheet("1");
    this.list.set("list", ids);
    return ids;
  };

  /* Answers kept under the store itself, before there were candidates, become candidate 1's. */
  Candidates.prototype.adoptOldSheet = function (id) {
    var old = storage.open(this.base);
    var sheet = this.sheet(id);
    old.items().forEach(function (item) {
      var value = old.get(item);
      if (value !== undefined && sheet.set(item, value)) old.remove(item);
    });
  };

  Candidates.prototype.nameOf = function (id, index) {
    var name = this.sheet(id).get("candidate");
    return typeof name === "string" && name.trim() ? name.trim() : "Candidate " + (index + 1);
  };

  /* Points the form at the shown candidate's store, before records.js reads it. */
  Candidates.prototype.choose = function () {
    this.ids_ = this.ids();
    var shown = this.list.get("shown");
    this.shown = this.ids_.indexOf(shown) === -1 ? this.ids_[0] : shown;
    this.form.dataset.hubStore = this.base + "." + this.shown;
  };

  Candidates.prototype.show = function (id) {
    this.list.set("shown", id);
    window.location.reload();
  };

  Candidates.prototype.add = function () {
    var ids = this.ids();
    var next = String(ids.reduce(function (top, id) { return Math.max(top, parseInt(id, 10) || 0); }, 0) + 1);
    this.list.set("list", ids.concat([next]));
    this.show(next);
  };

  Candidates.prototype.remove = function () {
    var index = this.ids_.indexOf(this.shown);
    var name = this.nameOf(this.shown, index);
    if (!window.confirm("Delete " + name + "'s sheet from this device? Their notes and outcome are removed " +
      "for good. Files you have downloaded are not touched.")) return;
    this.sheet(this.shown).clear();
    var rest = this.ids_.filter(function (id) { return id !== this.shown; }, this);
    if (rest.length) this.list.set("list", rest);
    else this.list.remove("list");
    this.show(rest.length ? rest[Math.max(0, index - 1)] : "1");
  };

  /* The shown candidate's name in the picker, the download's name and title, the write-in lines. */
  Candidates.prototype.refresh = function () {
    var pick = this.bar.querySelector("[data-hub-candidate-pick]");
    var shownName = this.nameOf(this.shown, this.ids_.indexOf(this.shown));
    var typed = this.form.querySelector('[data-hub-item="candidate"]');
    if (typed && typed.value.trim()) shownName = typed.value.trim();
    if (pick) {
      pick.textContent = "";
      this.ids_.forEach(function (id, index) {
        var option = document.createElement("option");
        option.value = id;
        option.textContent = id === this.shown ? shownName : this.nameOf(id, index);
        option.selected = id === this.shown;
        pick.appendChild(option);
      }, this);
    }
    this.form.dataset.hubFilename = "panel-sheet-" + (slug(shownName) || "candidate-" + this.shown);
    this.form.dataset.hubTitle = this.title + " (candidate: " + shownName + ")";
    this.form.querySelectorAll("[data-hub-shows]").forEach(function (line) {
      var control = this.form.querySelector('[data-hub-item="' + line.dataset.hubShows + '"]');
      var value = document.createElement("span");
      value.className = "hub-write-in__value"; // hidden when a blank sheet prints
      value.textContent = control ? longDate(control.value.trim()) : "";
      line.replaceChildren(value);
    }, this);
    this.running(this.title + " · Candidate: " + shownName);
  };

  /* The printed header of every sheet names the candidate: an @page margin box, set here because
     the name is only known on this device. CSS strings cannot hold a raw quote, backslash or
     line break, so those are replaced (as overrides/handout.html does for the footer). */
  Candidates.prototype.running = function (text) {
    var style = document.getElementById("hub-candidate-running");
    if (!style) {
      style = document.createElement("style");
      style.id = "hub-candidate-running";
      document.head.appendChild(style);
    }
    var safe = text.replace(/[\\\r\n]+/g, " ").replace(/"/g, "'");
    style.textContent = '@page { @top-left { content: "' + safe + '"; font: 8pt sans-serif; color: #444; } }';
  };

  /* Prints with a class on the panel sheet (guidance alone, or blank), taken off after printing.
     Neither names a candidate, so the running header is switched off meanwhile. */
  Candidates.prototype.printAs = function (mode) {
    var root = this.form.closest(".hub-pairs") || document.body;
    var running = document.getElementById("hub-candidate-running");
    root.classList.add(mode);
    if (running) running.media = "not all";
    window.addEventListener("afterprint", function done() {
      root.classList.remove(mode);
      if (running) running.media = "";
      window.removeEventListener("afterprint", done);
    });
    window.print();
  };


  Candidates.prototype.start = function () {
    var candidates = this;
    this.choose();
    var kept = this.list.state === "kept";
    var root = this.form.closest(".hub-pairs");
    if (root) root.classList.add("hub-pairs--candidates");
    var notice = this.bar.querySelector(".hub-candidates__notice");
    if (notice && !kept) {
      notice.textContent = this.list.state === "corrupt"
        ? "The list of candidates saved earlier on this device could not be read, so only the first " +
          "candidate's sheet is shown and no more can be added. Download or print it, then clear it " +
          "before the next candidate."
        : "This browser is not letting the page keep candidates, so there is one sheet and it is not " +
          "kept. Download or print it, then clear it before the next candidate.";
      notice.classList.add("hub-record__notice--warning");
    }
    this.bar.querySelectorAll('[data-hub-candidate-pick], [data-hub-candidate-action="add"], [data-hub-candidate-action="delete"]')
      .forEach(function (control) { control.disabled = !kept; });
    this.bar.addEventListener("click", function (event) {
      var button = event.target.closest("[data-hub-candidate-action]");
      if (!button) return;
      var action = button.dataset.hubCandidateAction;
      if (action === "add") candidates.add();
      else if (action === "delete") candidates.remove();
      else if (action === "guidance") candidates.printAs("hub-pairs--guidance-only");
      else if (action === "blank") candidates.printAs("hub-pairs--blank");
    });
    var pick = this.bar.querySelector("[data-hub-candidate-pick]");
    if (pick) pick.addEventListener("change", function () { candidates.show(pick.value); });
    /* records.js fills the form after this script: refresh once it has, and on every change. */
    this.form.addEventListener("hub:records-ready", function () { candidates.refresh(); });
    this.form.addEventListener("input", function () { candidates.refresh(); });
    this.form.addEventListener("change", function () { candidates.refresh(); });
    this.sheet(this.shown).onChange(function () { setTimeout(function () { candidates.refresh(); }); });
    /* Added, renamed or deleted in another tab: show the new list; if this candidate's sheet
       was deleted there, show another one rather than write it back. */
    this.list.onChange(function (item) {
      if (item !== "list" && item !== null) return;
      candidates.ids_ = candidates.ids();
      if (candidates.ids_.indexOf(candidates.shown) === -1) window.location.reload();
      else candidates.refresh();
    });
    this.bar.hidden = false;
    this.bar.setAttribute("data-hub-ready", "");
    this.refresh();
  };

  document.querySelectorAll(".hub-candidates[data-hub-candidates]").forEach(function (bar) {
    var form = document.querySelector('form.hub-record[data-hub-store="' + bar.dataset.hubCandidates + '"]');
    if (form) new Candidates(bar, form).start();
  });
})();
