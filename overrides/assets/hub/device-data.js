/*
 * device-data.js: everything the hub keeps in this browser, in one place (the privacy page).
 * A reader can download it all as one file, load that file on another device, and clear it all.
 *
 * Enhances `[data-hub-device-data]` (docs/about/privacy.md), which holds:
 *   .hub-device-data__summary               rewritten with what this browser holds now
 *   button[data-hub-action=export]          downloads every hub:v1:* value as one JSON file
 *   input[type=file][data-hub-import]       a file to load; checked before anything is written
 *   .hub-device-data__import                where the check's result and any clashes are shown
 *   button[data-hub-action=clear-all]       removes every hub:v1:* value, after confirmation
 *   .hub-device-data__message               what the last action did (a live region)
 * The block is hidden until this script runs (it needs JavaScript).
 *
 * The file (FORMAT, VERSION 1):
 *   {"format": "peer-support-knowledge-hub/answers", "version": 1, "saved": "<ISO date>",
 *    "answers": {"hub:v1:<dataset>:<item>": <JSON value>, ...},
 *    "unreadable": {"hub:v1:...": "<text as stored>", ...}}     (only when some could not be read)
 * A file is loaded only if it is that format and version, every key is a hub key and no value is
 * null. A value already on this device that differs from the file's is a clash: each is shown
 * with both versions and kept as it is unless the reader chooses the file's. Nothing is written
 * until the reader presses "Load". Open forms in other tabs follow (storage.js passes the change).
 * Uses window.hubStorage (storage.js) for every read and write.
 */
(function () {
  "use strict";

  var storage = window.hubStorage;
  var FORMAT = "peer-support-knowledge-hub/answers";
  var VERSION = 1;
  var MAX_BYTES = 5 * 1024 * 1024;

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* A value as a reader would recognise it: text as typed, a tick, a choice. */
  function shown(value) {
    if (value === true) return "ticked";
    if (value === false) return "not ticked";
    var text = typeof value === "string" ? value : JSON.stringify(value);
    return text.length > 300 ? text.slice(0, 300) + "\u2026" : text;
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  /* The file's problem, in words, or null when it can be loaded. */
  function problemWith(data) {
    if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT) {
      return "it is not a file of answers downloaded from this hub.";
    }
    if (data.version !== VERSION) {
      return typeof data.version === "number" && data.version > VERSION
        ? "it was made by a newer version of the hub (format version " + data.version + "). Update this copy of the hub, then try again."
        : "its format version (" + JSON.stringify(data.version) + ") is not one this hub knows.";
    }
    if (!data.answers || typeof data.answers !== "object" || Array.isArray(data.answers)) {
      return "it has no answers in it.";
    }
    var unreadable = data.unreadable || {};
    if (typeof unreadable !== "object" || Array.isArray(unreadable)) return "its list of unreadable answers is damaged.";
    var keys = Object.keys(data.answers).concat(Object.keys(unreadable));
    for (var i = 0; i < keys.length; i++) {
      if (!storage.parseKey(keys[i]) || /[\u0000-\u001f]/.test(keys[i]) || keys[i].length > 300) {
        return "it holds something that is not a hub answer (\u201c" + keys[i].slice(0, 60) + "\u201d).";
      }
    }
    for (var key in data.answers) {
      if (data.answers[key] === null) return "the answer under \u201c" + key + "\u201d is empty.";
    }
    for (key in unreadable) {
      if (typeof unreadable[key] !== "string") return "the unreadable answer under \u201c" + key + "\u201d is damaged.";
    }
    return null;
  }

  function DeviceData(root) {
    this.root = root;
    this.summary = root.querySelector(".hub-device-data__summary");
    this.message = root.querySelector(".hub-device-data__message");
    this.importArea = root.querySelector(".hub-device-data__import");
    this.input = root.querySelector("input[type=file][data-hub-import]");
  }

  DeviceData.prototype.say = function (text, warning) {
    this.message.textContent = text;
    this.message.classList.toggle("hub-device-data__message--warning", !!warning);
  };

  DeviceData.prototype.refresh = function () {
    if (!storage.available()) {
      this.summary.textContent = "This browser is not letting the hub keep anything, so there is nothing here to " +
        "download or clear, and a file cannot be loaded.";
      return;
    }
    var all = storage.readAll();
    var keys = Object.keys(all.values).concat(Object.keys(all.unreadable));
    var forms = {};
    keys.forEach(function (key) { forms[storage.parseKey(key).dataset] = true; });
    this.summary.textContent = keys.length
      ? "This browser holds " + plural(keys.length, "answer", "answers") + " from " +
        plural(Object.keys(forms).length, "form", "forms") + " of the hub."
      : "This browser holds no answers from the hub.";
  };

  DeviceData.prototype.exportAll = function () {
    var all = storage.readAll();
    var data = { format: FORMAT, version: VERSION, saved: new Date().toISOString(), answers: all.values };
    if (Object.keys(all.unreadable).length) data.unreadable = all.unreadable;
    var count = Object.keys(all.values).length + Object.keys(all.unreadable).length;
    storage.download("peer-support-hub-answers-" + storage.today() + ".json", JSON.stringify(data, null, 2) + "\n",
      "application/json;charset=utf-8");
    this.say("Downloaded " + plural(count, "answer", "answers") + " in one file. Keep it somewhere private: " +
      "anyone who opens it can read them.");
  };

  DeviceData.prototype.read = function (file) {
    var self = this;
    this.importArea.textContent = "";
    this.say("");
    if (!storage.available()) {
      this.say("Nothing was loaded: this browser is not letting the hub keep answers.", true);
      return;
    }
    if (file.size > MAX_BYTES) {
      this.say("Nothing was loaded from \u201c" + file.name + "\u201d: it is too large to be a file of hub answers.", true);
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      var data;
      try {
        data = JSON.parse(String(reader.result).replace(/^\ufeff/, ""));
      } catch (error) {
        data = null;
      }
      var problem = problemWith(data);
      if (problem) self.say("Nothing was loaded from \u201c" + file.name + "\u201d: " + problem, true);
      else self.compare(data, file.name);
    };
    reader.onerror = function () {
      self.say("Nothing was loaded: the browser could not read \u201c" + file.name + "\u201d.", true);
    };
    reader.readAsText(file);
  };

  /* Sorts the file's answers into new, already here, and clashes; shows the clashes to choose. */
  DeviceData.prototype.compare = function (data, name) {
    var here = storage.readAll();
    var plan = { add: {}, addRaw: {}, clashes: [], same: 0 };
    Object.keys(data.answers).forEach(function (key) {
      if (key in here.unreadable) plan.clashes.push({ key: key, mine: here.unreadable[key], theirs: data.answers[key], raw: false });
      else if (!(key in here.values)) plan.add[key] = data.answers[key];
      else if (same(here.values[key], data.answers[key])) plan.same += 1;
      else plan.clashes.push({ key: key, mine: here.values[key], theirs: data.answers[key], raw: false });
    });
    Object.keys(data.unreadable || {}).forEach(function (key) {
      if (!(key in here.values) && !(key in here.unreadable)) plan.addRaw[key] = data.unreadable[key];
    });
    this.show(plan, name);
  };

  DeviceData.prototype.show = function (plan, name) {
    var self = this;
    var area = this.importArea;
    var added = Object.keys(plan.add).length + Object.keys(plan.addRaw).length;
    area.appendChild(el("p", {}, "\u201c" + name + "\u201d holds " + plural(added, "answer", "answers") + " this browser does not have, " +
      plural(plan.same, "answer", "answers") + " it already has, and " +
      plural(plan.clashes.length, "answer that differs", "answers that differ") + " from the one here."));
    plan.clashes.forEach(function (clash, index) {
      var parts = storage.parseKey(clash.key);
      var id = "hub-clash-" + index;
      var set = el("fieldset", { "class": "hub-clash", "data-hub-clash": clash.key });
      set.appendChild(el("legend", {}, "Differs: " + parts.item + " (in " + parts.dataset + ")"));
      [["mine", "Keep this device\u2019s: ", clash.mine], ["theirs", "Use the file\u2019s: ", clash.theirs]].forEach(function (choice) {
        var option = el("div", { "class": "hub-clash__option" });
        var radio = el("input", { type: "radio", name: id, id: id + "-" + choice[0], value: choice[0] });
        radio.checked = choice[0] === "mine";
        var label = el("label", { "for": id + "-" + choice[0] });
        label.appendChild(el("strong", {}, choice[1]));
        label.appendChild(document.createTextNode(shown(choice[2])));
        option.appendChild(radio);
        option.appendChild(label);
        set.appendChild(option);
      });
      area.appendChild(set);
    });
    if (!added && !plan.clashes.length) {
      this.say("Nothing to load: this browser already has every answer in \u201c" + name + "\u201d.");
      return;
    }
    var load = el("button", { type: "button", "data-hub-action": "load" }, "Load the answers from \u201c" + name + "\u201d");
    var cancel = el("button", { type: "button", "data-hub-action": "cancel-load" }, "Do not load");
    load.addEventListener("click", function () { self.load(plan); });
    cancel.addEventListener("click", function () {
      area.textContent = "";
      self.input.value = "";
      self.say("Nothing was loaded.");
    });
    area.appendChild(load);
    area.appendChild(cancel);
    this.say(plan.clashes.length
      ? "Check the answers that differ, choose which to keep, then load."
      : "Nothing on this device will change but the new answers. Load them when you are ready.");
    (plan.clashes.length ? area.querySelector(".hub-clash input") : load).focus();
  };

  DeviceData.prototype.load = function (plan) {
    var written = 0;
    var kept = 0;
    var failed = 0;
    var put = function (key, text) { if (storage.writeRaw(key, text)) written += 1; else failed += 1; };
    Object.keys(plan.add).forEach(function (key) { put(key, JSON.stringify(plan.add[key])); });
    Object.keys(plan.addRaw).forEach(function (key) { put(key, plan.addRaw[key]); });
    plan.clashes.forEach(function (clash, index) {
      var choice = this.importArea.querySelector('input[name="hub-clash-' + index + '"]:checked');
      if (choice && choice.value === "theirs") put(clash.key, JSON.stringify(clash.theirs));
      else kept += 1;
    }, this);
    this.importArea.textContent = "";
    this.input.value = "";
    this.refresh();
    this.say("Loaded " + plural(written, "answer", "answers") + "." +
      (kept ? " " + plural(kept, "answer", "answers") + " kept as " + (kept === 1 ? "it was" : "they were") + " on this device." : "") +
      (failed ? " " + plural(failed, "answer", "answers") + " could not be saved: the browser refused." : ""), failed > 0);
  };

  DeviceData.prototype.clearAll = function () {
    var count = storage.keys().length;
    if (!count) {
      this.say("There is nothing to clear: this browser holds no answers from the hub.");
      return;
    }
    if (!window.confirm("Remove all " + plural(count, "answer", "answers") + " the hub keeps in this browser? " +
      "This cannot be undone. Files you have downloaded are not touched.")) return;
    var removed = storage.removeAll();
    this.importArea.textContent = "";
    this.refresh();
    this.say("Removed " + plural(removed, "answer", "answers") + " from this browser. Files you have downloaded are " +
      "not touched: delete those yourself if you need to.");
  };

  DeviceData.prototype.start = function () {
    var self = this;
    this.root.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-hub-action]");
      if (!button) return;
      if (button.dataset.hubAction === "export") self.exportAll();
      else if (button.dataset.hubAction === "clear-all") self.clearAll();
    });
    this.input.addEventListener("change", function () {
      if (self.input.files && self.input.files[0]) self.read(self.input.files[0]);
    });
    storage.onChange(function () { self.refresh(); });
    this.refresh();
    this.root.hidden = false;
    this.root.setAttribute("data-hub-ready", "");
  };

  document.querySelectorAll("[data-hub-device-data]").forEach(function (root) { new DeviceData(root).start(); });
})();
