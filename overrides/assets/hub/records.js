/*
 * records.js: the hub's record forms (question sets, the SAFEST planner, the panel sheet and
 * self-check, checklists). Keeps what a reader types, ticks or chooses, in this browser only, and
 * offers download, print with answers, and clear.
 *
 * Enhances forms that are complete without it (overrides/hub/_records.html builds them):
 *   form.hub-record[data-hub-dataset]       one record; [data-hub-store] names where its answers
 *                                           are kept when a dataset has two forms (default: the
 *                                           dataset); [data-hub-title] heads the download;
 *                                           [data-hub-progress] is the word after "4 of 9";
 *                                           [data-hub-filename] starts the download's name
 *                                           (default: the store), read when downloading
 *   [data-hub-item="<id>"]                  a textarea, a checkbox, or the radios of one group;
 *                                           <id> is the item id from data/
 *   [data-hub-count]                        items counted in the status line
 *   textarea[data-hub-note]                 the note of the tick just before it (downloads put it
 *                                           under that tick)
 *   input[type=radio][data-hub-ticked]      the choice a saved tick (true) now means: an item that
 *                                           was a tick box and became a radio group keeps its answer
 *   .hub-record__bar                        notice, status and buttons [data-hub-action=download|
 *                                           print|clear]; hidden until this script runs. Other
 *                                           actions are left to the script of that kind of form.
 *   .hub-record__actions                    the same buttons again at the end of the form
 * Values are kept through window.hubStorage (storage.js) under hub:v1:<store>:<id>: text for a
 * textarea, true/false for a tick, the chosen value for radios. If storage is unavailable or holds
 * a value it cannot read, the form still works and says that answers will not be kept.
 * When ready the form gets [data-hub-ready] and fires `hub:records-ready`; whenever its values
 * change (typed, restored, changed in another tab, cleared) it fires `hub:records-updated`,
 * after writing its status line, so a script for one kind of form can add to it.
 */
(function () {
  "use strict";

  var storage = window.hubStorage;

  function labelOf(control) {
    if (control.type === "radio") {
      var group = control.closest("fieldset");
      var legend = group && group.querySelector("legend");
      return legend ? legend.textContent.trim() : control.name;
    }
    var label = control.id && control.form.querySelector('label[for="' + control.id + '"]');
    return label ? label.textContent.trim() : control.dataset.hubItem;
  }

  /* One saved value per data-hub-item: text for a textarea, true/false for a tick, the chosen value for radios. */
  function valueOf(form, item) {
    var controls = form.querySelectorAll('[data-hub-item="' + item + '"]');
    var first = controls[0];
    if (first.type === "checkbox") return first.checked;
    if (first.type === "radio") {
      var chosen = Array.prototype.find.call(controls, function (c) { return c.checked; });
      return chosen ? chosen.value : "";
    }
    return first.value;
  }

  function setValue(form, item, value) {
    var controls = form.querySelectorAll('[data-hub-item="' + item + '"]');
    var first = controls[0];
    if (first.type === "checkbox") {
      if (typeof value !== "boolean") throw new TypeError("expected true or false");
      first.checked = value;
    } else if (typeof value !== "string") {
      throw new TypeError("expected text");
    } else if (first.type === "radio") {
      controls.forEach(function (c) { c.checked = c.value === value; });
    } else {
      first.value = value;
    }
  }

  function Record(form) {
    this.form = form;
    this.store = storage.open(form.dataset.hubStore || form.dataset.hubDataset);
    this.items = [];
    var seen = {};
    form.querySelectorAll("[data-hub-item]").forEach(function (control) {
      var item = control.dataset.hubItem;
      if (!seen[item]) {
        seen[item] = true;
        this.items.push(item);
      }
    }, this);
  }

  /* What an item holds when it has no answer: an unticked box, or no text or choice. */
  Record.prototype.emptyValue = function (item) {
    return typeof valueOf(this.form, item) === "boolean" ? false : "";
  };

  /* Shows one item's saved value (undefined: none saved) in the form. A tick (true) saved for what
     is now a radio group means its [data-hub-ticked] choice, and is saved as that choice: an
     answer typed before a site update is never lost to it. */
  Record.prototype.show = function (item, saved) {
    var ticked = this.form.querySelector('input[type="radio"][data-hub-ticked][data-hub-item="' + item + '"]');
    if (saved === true && ticked) {
      saved = ticked.value;
      this.store.set(item, saved);
    }
    try {
      setValue(this.form, item, saved === undefined ? this.emptyValue(item) : saved);
    } catch (error) {
      this.store.markCorrupt(); // never overwrite what we could not read: it may still be recovered
    }
  };

  /* Puts the saved answers into the form, emptying what has none; returns the store's state
     ("kept", "blocked", "corrupt"). */
  Record.prototype.restore = function () {
    this.items.forEach(function (item) { this.show(item, this.store.get(item)); }, this);
    return this.store.state;
  };

  /* Another tab changed an item (or, with item null, everything): show it here at once, so this
     tab never writes back an answer the reader changed or cleared there. */
  Record.prototype.remote = function (item, value, unreadable) {
    if (item === null) {
      if (this.store.state === "kept") this.restore(); // else what the reader typed is all there is
    } else if (this.items.indexOf(item) === -1) return;
    else if (!unreadable) this.show(item, value);
    this.notice(this.store.state);
    this.refresh();
  };

  Record.prototype.save = function (item) {
    if (!this.store.set(item, valueOf(this.form, item)) && this.store.state === "blocked") {
      this.notice("blocked");
    }
  };

  /* While answers are kept, the notice the page was built with stays (the templates write it, so
     the bar does not grow as this script starts); a form written without one gets NOTICE.kept. */
  Record.prototype.notice = function (state) {
    var notice = this.form.querySelector(".hub-record__notice");
    if (!notice) return;
    if (this.keptNotice === undefined) this.keptNotice = notice.textContent.trim() || storage.NOTICE.kept;
    var text = state === "kept" ? this.keptNotice : storage.NOTICE[state];
    if (notice.textContent !== text) notice.textContent = text;
    notice.classList.toggle("hub-record__notice--warning", state !== "kept");
  };

  /* "4 of 9 answered": counts the controls marked data-hub-count. */
  Record.prototype.updateStatus = function () {
    var counted = {};
    this.form.querySelectorAll("[data-hub-count]").forEach(function (control) {
      var item = control.dataset.hubItem;
      counted[item] = counted[item] || !storage.isEmpty(valueOf(this.form, item));
    }, this);
    var items = Object.keys(counted);
    var done = items.filter(function (item) { return counted[item]; }).length;
    var status = this.form.querySelector(".hub-record__status");
    if (status) status.textContent = done + " of " + items.length + " " + (this.form.dataset.hubProgress || "answered");
    this.form.dispatchEvent(new CustomEvent("hub:records-updated", { bubbles: true }));
  };

  /* Printed answers: a textarea prints clipped, so each has a print-only copy of its text. */
  Record.prototype.mirror = function (textarea) {
    var copy = textarea.nextElementSibling;
    if (!copy || !copy.classList.contains("hub-print-answer")) {
      copy = document.createElement("div");
      copy.className = "hub-print-answer";
      copy.setAttribute("aria-hidden", "true");
      textarea.insertAdjacentElement("afterend", copy);
    }
    copy.textContent = textarea.value;
    copy.classList.toggle("hub-print-answer--empty", textarea.value.trim() === "");
  };

  Record.prototype.refresh = function () {
    this.form.querySelectorAll("textarea[data-hub-item]").forEach(this.mirror, this);
    this.updateStatus();
  };

  /* The answers as Markdown: title, date, then each section's questions with their answers. */
  Record.prototype.toMarkdown = function () {
    var form = this.form;
    var title = form.dataset.hubTitle || document.title;
    var lines = ["# " + title, "", "Saved on " + new Date().toLocaleDateString("en-GB", {
      day: "numeric", month: "long", year: "numeric"
    }) + " from " + storage.source(), ""];
    var section = null;
    var done = {};
    form.querySelectorAll("[data-hub-item]").forEach(function (control) {
      var item = control.dataset.hubItem;
      if (done[item]) return;
      done[item] = true;
      /* A section is an outer fieldset; a radio group's own fieldset is a field, never a section,
         so its legend is written once, in bold with the answer, under the section it sits in. */
      var from = control.type === "radio" ? control.closest("fieldset").parentElement : control;
      var fieldset = from.closest("form > fieldset, form > * > fieldset");
      var legend = fieldset && fieldset.querySelector("legend");
      if (fieldset !== section && legend) {
        section = fieldset;
        lines.push("## " + legend.textContent.trim(), "");
      }
      var value = valueOf(form, item);
      if (control.type === "checkbox") {
        lines.push("- [" + (value ? "x" : " ") + "] " + labelOf(control), "");
      } else if (control.type === "radio") {
        var chosen = form.querySelector('[data-hub-item="' + item + '"]:checked');
        var answer = chosen && chosen.labels.length ? chosen.labels[0].textContent.trim() : "(no answer)";
        lines.push("**" + labelOf(control) + "** " + answer, "");
      } else if (control.hasAttribute("data-hub-note")) {
        /* A tick's note sits under its tick, indented into the list item; an empty one is left out. */
        if (value.trim()) lines.splice(lines.length - 1, 0, "", "    Note: " + value.trim().replace(/\n/g, "\n    "));
      } else {
        lines.push("### " + labelOf(control), "", value.trim() ? value.trim() : "(no answer)", "");
      }
    });
    return lines.join("\n");
  };

  Record.prototype.download = function () {
    var name = this.form.dataset.hubFilename || this.store.dataset;
    storage.download(name + "-" + storage.today() + ".md", this.toMarkdown(), "text/markdown;charset=utf-8");
  };

  Record.prototype.clear = function () {
    if (!window.confirm("Clear all your answers on this page? This cannot be undone.")) return;
    this.items.forEach(function (item) {
      setValue(this.form, item, this.emptyValue(item));
      this.store.remove(item);
    }, this);
    this.refresh();
  };

  Record.prototype.start = function () {
    var record = this;
    var form = this.form;
    this.notice(this.restore());
    this.refresh();
    form.addEventListener("input", function (event) { record.changed(event.target); });
    form.addEventListener("change", function (event) { record.changed(event.target); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.store.onChange(function (item, value, unreadable) { record.remote(item, value, unreadable); });
    /* A page shown again from the back/forward cache may have missed other tabs' changes. */
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) record.remote(null);
    });
    form.querySelectorAll("[data-hub-action]").forEach(function (button) {
      button.addEventListener("click", function () {
        var action = button.dataset.hubAction;
        if (action === "download") record.download();
        else if (action === "print") window.print();
        else if (action === "clear") record.clear();
      });
    });
    form.querySelectorAll(".hub-record__bar, .hub-record__actions").forEach(function (bar) { bar.hidden = false; });
    form.classList.add("hub-record--enhanced");
    form.setAttribute("data-hub-ready", "");
    form.dispatchEvent(new CustomEvent("hub:records-ready", { bubbles: true }));
  };

  Record.prototype.changed = function (control) {
    if (!control.dataset || !control.dataset.hubItem) return;
    this.save(control.dataset.hubItem);
    if (control.tagName === "TEXTAREA") this.mirror(control);
    this.updateStatus();
  };

  document.querySelectorAll("form.hub-record[data-hub-dataset]").forEach(function (form) {
    new Record(form).start();
  });
})();
