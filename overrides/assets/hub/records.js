/*
 * Records: keeps what a reader types or ticks in a hub form (question sets, checklists) in this
 * browser only, and offers download, print with answers, and clear.
 *
 * It enhances forms that are complete without it: `form.hub-record[data-hub-dataset]` holding
 * controls marked `data-hub-item` (textareas, checkboxes, radio groups). Each value is stored as
 * JSON in localStorage under `hub:v1:<dataset>:<item>`, where <item> is the id from data/, so a
 * reworded or reordered question keeps its answer. Nothing is ever sent anywhere.
 * A textarea marked `data-hub-note` is the note of the tick just before it: downloads put it
 * under that tick.
 * If storage is unavailable or holds a value it cannot read, the form still works and says
 * that answers will not be kept.
 */
(function () {
  "use strict";

  var PREFIX = "hub:v1:";
  var NOTICE_KEPT =
    "Your answers are saved as you type, in this browser on this device only. They are never " +
    "sent anywhere. On a shared computer, clear them when you finish.";
  var NOTICE_NOT_KEPT =
    "This browser is not letting the page save answers, so they will not be kept when you " +
    "leave or reload. Download or print them before you go.";
  var NOTICE_CORRUPT =
    "Answers saved earlier on this device could not be read, so answers on this page will not " +
    "be kept. Download or print them before you go.";

  /* localStorage, or null when the browser refuses it (private modes, locked-down machines). */
  function openStorage() {
    try {
      var storage = window.localStorage;
      var probe = PREFIX + "probe";
      storage.setItem(probe, "1");
      storage.removeItem(probe);
      return storage;
    } catch (error) {
      return null;
    }
  }

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

  function isEmpty(value) {
    return value === false || value === "" || value === null;
  }

  function Record(form) {
    this.form = form;
    this.store = form.dataset.hubStore || form.dataset.hubDataset;
    this.storage = openStorage();
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

  Record.prototype.key = function (item) {
    return PREFIX + this.store + ":" + item;
  };

  Record.prototype.restore = function () {
    if (!this.storage) return NOTICE_NOT_KEPT;
    var corrupt = false;
    this.items.forEach(function (item) {
      var saved = this.storage.getItem(this.key(item));
      if (saved === null) return;
      try {
        setValue(this.form, item, JSON.parse(saved));
      } catch (error) {
        corrupt = true;
      }
    }, this);
    if (corrupt) {
      this.storage = null; // never overwrite what we could not read: it may still be recovered
      return NOTICE_CORRUPT;
    }
    return NOTICE_KEPT;
  };

  Record.prototype.save = function (item) {
    if (!this.storage) return;
    var value = valueOf(this.form, item);
    try {
      if (isEmpty(value)) this.storage.removeItem(this.key(item));
      else this.storage.setItem(this.key(item), JSON.stringify(value));
    } catch (error) {
      this.storage = null; // full or revoked
      this.notice(NOTICE_NOT_KEPT);
    }
  };

  Record.prototype.notice = function (text) {
    var notice = this.form.querySelector(".hub-record__notice");
    if (notice) {
      notice.textContent = text;
      notice.classList.toggle("hub-record__notice--warning", text !== NOTICE_KEPT);
    }
  };

  /* "4 of 9 answered": counts the controls marked data-hub-count. */
  Record.prototype.updateStatus = function () {
    var counted = {};
    this.form.querySelectorAll("[data-hub-count]").forEach(function (control) {
      var item = control.dataset.hubItem;
      counted[item] = counted[item] || !isEmpty(valueOf(this.form, item));
    }, this);
    var items = Object.keys(counted);
    var done = items.filter(function (item) { return counted[item]; }).length;
    var status = this.form.querySelector(".hub-record__status");
    if (status) status.textContent = done + " of " + items.length + " " + (this.form.dataset.hubProgress || "answered");
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
    }) + " from " + window.location.href.split("#")[0], ""];
    var section = null;
    var done = {};
    form.querySelectorAll("[data-hub-item]").forEach(function (control) {
      var item = control.dataset.hubItem;
      if (done[item]) return;
      done[item] = true;
      var fieldset = control.closest("form > fieldset, form > * > fieldset");
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
    var blob = new Blob([this.toMarkdown()], { type: "text/markdown;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = this.store + "-" + new Date().toISOString().slice(0, 10) + ".md";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  };

  Record.prototype.clear = function () {
    if (!window.confirm("Clear all your answers on this page? This cannot be undone.")) return;
    this.items.forEach(function (item) {
      setValue(this.form, item, typeof valueOf(this.form, item) === "boolean" ? false : "");
      if (this.storage) this.storage.removeItem(this.key(item));
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
    form.querySelectorAll("[data-hub-action]").forEach(function (button) {
      button.addEventListener("click", function () {
        var action = button.dataset.hubAction;
        if (action === "download") record.download();
        else if (action === "print") window.print();
        else if (action === "clear") record.clear();
      });
    });
    var bar = form.querySelector(".hub-record__bar");
    if (bar) bar.hidden = false;
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
