/*
 * programme.js: a trainer's own programme on a schedule handout (overrides/hub/schedule.handout.html).
 *
 * Enhances, per schedule:
 *   [data-hub-programme][data-hub-dataset]  the handout; gets class hub-programme--facilitator
 *                                           when the facilitator copy is chosen (only then does
 *                                           print show the facilitator notes; the participant
 *                                           copy is the default, as without this script) and
 *                                           [data-hub-ready] when set up
 *   .hub-programme__details, .hub-programme__fields
 *                                           the fields, hidden until this script runs
 *   [data-hub-detail="<item>"]              an input (text or date) or the radios of one choice;
 *                                           two inputs may show one item (day 1's date is the
 *                                           start date)
 *   [data-hub-shows="<item>"]               a write-in line for paper: gets the item's value as
 *                                           text (dates written out), so print shows it
 *   .hub-programme__notice                  says whether details are kept on this device
 *   [data-hub-programme-clear]              clears every detail, after asking
 *
 * Dates: "start-date" is day 1. A later day without a date of its own follows the day before
 * it on the next weekday (Monday to Friday); typing a date for a day moves it, and the days after
 * it follow on from there. Emptying a day's date puts it back to following. Changing the start
 * date moves every day that has a date of its own by the same number of days, so the trainer's
 * gaps are kept. A day whose date is not after the day before it (typed that way) gets a visible
 * warning next to its field ("Day 3 is before day 2"), tied to it with aria-describedby.
 *
 * Values are kept through window.hubStorage (storage.js) under hub:v1:<dataset>:<item>, as text.
 * Other tabs are kept in step. If storage is blocked or holds what this script cannot read, the
 * fields still work and print, and the notice says they will not be kept.
 */
(function () {
  "use strict";

  var storage = window.hubStorage;
  var DAY = 24 * 60 * 60 * 1000;

  /* "2027-03-01" -> a Date at local midnight, or null. */
  function parseDate(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    if (!match) return null;
    var date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    return isNaN(date.getTime()) ? null : date;
  }

  function isoDate(date) {
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  function nextWeekday(date) {
    var next = new Date(date.getTime() + DAY * 1.5); // noon the next day: safe across clock changes
    next = new Date(next.getFullYear(), next.getMonth(), next.getDate());
    while (next.getDay() === 0 || next.getDay() === 6) {
      next = new Date(next.getFullYear(), next.getMonth(), next.getDate() + 1);
    }
    return next;
  }

  /* Whole days from a to b (local dates; rounding absorbs clock changes). */
  function daysBetween(a, b) {
    return Math.round((b.getTime() - a.getTime()) / DAY);
  }

  function addDays(date, days) {
    return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
  }

  function longDate(date) {
    return date.toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric" });
  }

  function Programme(root) {
    this.root = root;
    this.store = storage.open(root.dataset.hubDataset);
    this.values = {};
    this.days = Array.prototype.map.call(root.querySelectorAll(".hub-day"), function (day, index) {
      var input = day.querySelector('input[type="date"][data-hub-detail]');
      return input ? input.dataset.hubDetail : index === 0 ? "start-date" : null;
    });
  }

  Programme.prototype.controls = function (item) {
    return this.root.querySelectorAll('[data-hub-detail="' + item + '"]');
  };

  Programme.prototype.items = function () {
    var seen = {};
    this.root.querySelectorAll("[data-hub-detail]").forEach(function (control) {
      seen[control.dataset.hubDetail] = true;
    });
    return Object.keys(seen);
  };

  /* Day dates as shown: each day's own, or the next weekday after the day before. */
  Programme.prototype.dayDates = function () {
    var values = this.values;
    var previous = null;
    return this.days.map(function (item) {
      var own = item ? parseDate(values[item]) : null;
      var date = own || (previous ? nextWeekday(previous) : null);
      previous = date;
      return date;
    });
  };

  /* Shows every value: inputs, radios, the print-only write-in lines and the copy class. */
  Programme.prototype.render = function () {
    var values = this.values;
    var dates = this.dayDates();
    var shown = {};
    this.items().forEach(function (item) { shown[item] = values[item] || ""; });
    this.days.forEach(function (item, index) {
      if (item && dates[index]) shown[item] = isoDate(dates[index]);
    });
    Object.keys(shown).forEach(function (item) {
      this.controls(item).forEach(function (control) {
        if (control.type === "radio") control.checked = control.value === (shown[item] || "participant");
        else if (control !== document.activeElement || control.type === "date") control.value = shown[item];
      });
      this.root.querySelectorAll('[data-hub-shows="' + item + '"]').forEach(function (line) {
        var date = parseDate(shown[item]);
        line.textContent = date ? longDate(date) : shown[item];
      });
    }, this);
    this.root.classList.toggle("hub-programme--facilitator", values.copy === "facilitator");
    this.warn(dates);
  };

  /* Flags each day dated on or before the day before it: a warning beside its date field. */
  Programme.prototype.warn = function (dates) {
    this.days.forEach(function (item, index) {
      if (!item || index === 0) return;
      var control = this.root.querySelector('input[type="date"][data-hub-detail="' + item + '"]');
      if (!control) return;
      var id = control.id + "-order";
      var warning = document.getElementById(id);
      var date = dates[index];
      var before = dates[index - 1];
      var problem = date && before && date.getTime() <= before.getTime()
        ? "Day " + (index + 1) + (date.getTime() === before.getTime() ? " is on the same day as day " : " is before day ") + index + "."
        : "";
      if (!problem) {
        if (warning) warning.remove();
        control.removeAttribute("aria-describedby");
        control.removeAttribute("aria-invalid");
        return;
      }
      if (!warning) {
        warning = document.createElement("p");
        warning.id = id;
        warning.className = "hub-programme__order";
        control.insertAdjacentElement("afterend", warning);
      }
      warning.textContent = problem + " Check this day's date.";
      control.setAttribute("aria-describedby", id);
      control.setAttribute("aria-invalid", "true");
    }, this);
  };

  /* The notice the template wrote says details are kept; it is replaced only when they are not. */
  Programme.prototype.notice = function () {
    var notice = this.root.querySelector(".hub-programme__notice");
    if (!notice) return;
    var state = this.store.state;
    if (this.keptNotice === undefined) this.keptNotice = notice.textContent.trim();
    var text = state === "kept" ? this.keptNotice : storage.NOTICE[state].replace(/answers/g, "details");
    if (notice.textContent !== text) notice.textContent = text;
    notice.classList.toggle("hub-programme__notice--warning", state !== "kept");
  };

  Programme.prototype.load = function () {
    this.values = {};
    this.items().forEach(function (item) {
      var value = this.store.get(item);
      if (value === undefined) return;
      if (typeof value === "string") this.values[item] = value;
      else this.store.markCorrupt();
    }, this);
  };

  Programme.prototype.changed = function (control) {
    var item = control.dataset.hubDetail;
    if (!item || (control.type === "radio" && !control.checked)) return;
    var value = control.value.trim() === "" ? "" : control.value;
    /* A day's date that matches the one it would follow on is not a date of its own. */
    var index = this.days.indexOf(item);
    if (index > 0 && value) {
      var before = this.dayDates()[index - 1];
      if (before && isoDate(nextWeekday(before)) === value) value = "";
    }
    /* A new start date moves the days with dates of their own by as many days. */
    var oldStart = parseDate(this.values[this.days[0]]);
    var newStart = parseDate(value);
    if (index === 0 && oldStart && newStart) {
      var shift = daysBetween(oldStart, newStart);
      this.days.slice(1).forEach(function (day) {
        var own = day ? parseDate(this.values[day]) : null;
        if (!own || !shift) return;
        this.values[day] = isoDate(addDays(own, shift));
        this.store.set(day, this.values[day]);
      }, this);
    }
    if (value) this.values[item] = value;
    else delete this.values[item];
    this.store.set(item, value);
    this.notice();
    this.render();
  };

  Programme.prototype.clear = function () {
    if (!window.confirm("Clear your organisation, venue, dates, times and facilitators from this handout? This cannot be undone.")) return;
    this.items().forEach(function (item) { this.store.remove(item); }, this);
    this.values = {};
    this.render();
  };

  Programme.prototype.start = function () {
    var programme = this;
    var root = this.root;
    this.load();
    this.notice();
    this.render();
    root.addEventListener("change", function (event) { programme.changed(event.target); });
    root.addEventListener("input", function (event) {
      if (event.target.type === "text") programme.changed(event.target);
    });
    var clear = root.querySelector("[data-hub-programme-clear]");
    if (clear) clear.addEventListener("click", function () { programme.clear(); });
    this.store.onChange(function (item, value) {
      if (item === null) programme.values = {};
      else if (typeof value === "string" && value) programme.values[item] = value;
      else delete programme.values[item];
      programme.render();
    });
    root.querySelectorAll(".hub-programme__details[hidden], .hub-programme__fields[hidden]").forEach(function (part) {
      part.hidden = false;
    });
    root.setAttribute("data-hub-ready", "");
  };

  document.querySelectorAll("[data-hub-programme][data-hub-dataset]").forEach(function (root) {
    new Programme(root).start();
  });
})();
