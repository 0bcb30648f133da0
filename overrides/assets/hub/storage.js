/*
 * storage.js: the hub's one way to keep what a reader types, in this browser only.
 *
 * No markup of its own. It defines `window.hubStorage`, which every form script uses (records.js,
 * checklists.js, device-data.js, ...). Loaded first, deferred, from mkdocs.yml `extra_javascript`;
 * a form script can rely on it being there when it runs. Nothing here ever leaves the device
 * except through `download`, which the reader starts.
 *
 * Keys: every value lives in localStorage under `hub:v1:<dataset>:<item>`, as JSON. <dataset>
 * names a dataset (or a store of one, e.g. "readiness-indicators-panel"); <item> is an id from
 * data/ so a reworded or reordered question keeps its answer. Ids are lower-case letters, digits
 * and hyphens (data/schemas/common.schema.json), so ":" only ever separates. "v1" is the format
 * of the values: change it only with a migration that reads the old keys.
 *
 * States of a store: "kept" (values are saved), "blocked" (the browser refuses storage: private
 * modes, locked-down machines, a full disk), "corrupt" (a stored value could not be read). In the
 * last two a store saves nothing, so a value it could not read is never overwritten and may still
 * be recovered; the form works on and shows `hubStorage.NOTICE[state]`.
 *
 * API (all functions are safe to call when storage is blocked; none throws):
 *
 *   hubStorage.PREFIX                 "hub:v1:"
 *   hubStorage.NOTICE                 {kept, blocked, corrupt}: what to tell the reader, per state
 *   hubStorage.key(dataset, item)     "hub:v1:<dataset>:<item>"
 *   hubStorage.parseKey(key)          {dataset, item} for a hub key, else null
 *   hubStorage.available()            true when the browser lets the page save
 *   hubStorage.isEmpty(value)         true for "", false, null and undefined (never stored)
 *
 *   var store = hubStorage.open(dataset)
 *   store.state                       "kept" | "blocked" | "corrupt" (read it after your get calls)
 *   store.get(item)                   the stored value, or undefined when there is none; a value
 *                                     that is not JSON makes the store "corrupt", returns undefined
 *   store.markCorrupt()               for a value that is JSON but not what the form expects
 *   store.set(item, value)            saves JSON; an empty value removes the key. Returns true when
 *                                     kept. Saves nothing unless state is "kept"; a failed write
 *                                     (quota, revoked) turns the store "blocked".
 *   store.remove(item)
 *   store.items()                     ids of the items stored under this dataset, sorted
 *   store.clear()                     removes every item of this dataset (the reader asked)
 *   store.onChange(fn)                fn(item, value) when another tab changes an item of this
 *                                     dataset (value undefined: removed); fn(item, undefined,
 *                                     true) when it stored a value that cannot be read (the store
 *                                     is then "corrupt": keep what the form shows); fn(null) when
 *                                     another tab removed everything at once. Returns a function
 *                                     that stops listening.
 *
 *   hubStorage.keys()                 every hub key on this device, sorted ([] when blocked)
 *   hubStorage.readAll()              {values: {key: value}, unreadable: {key: raw text}}
 *   hubStorage.writeRaw(key, text)    store text as it is under a hub key (import); true when kept
 *   hubStorage.removeAll()            removes every hub key (not other sites' or the theme's);
 *                                     returns how many
 *   hubStorage.onChange(fn)           fn({key, dataset, item, value, raw, unreadable}) for any hub
 *                                     key another tab changes (value undefined: removed);
 *                                     fn(null) when another tab cleared all storage
 *   hubStorage.download(name, text, type)
 *                                     offers `text` as a file called `name` (type e.g.
 *                                     "text/csv;charset=utf-8"); works from file:// too
 *   hubStorage.address(href)          where a download may say the page `href` links to is: its
 *                                     public address (SITE_URL), else its http(s) address, else ""
 *                                     (never a file: URL, which would carry the reader's folders)
 *   hubStorage.source()               the page a download was made on: address() of this page, or
 *                                     "<title>, from the hub's offline copy made on <date>"
 *   hubStorage.today()                today's date as YYYY-MM-DD in the reader's time zone, for
 *                                     file names
 *
 * Other tabs: the browser fires `storage` in every other tab of the same site when one changes a
 * key; the change is passed on as above. A form should show it, so that it never later writes back
 * a value the reader cleared elsewhere.
 */
(function () {
  "use strict";

  var PREFIX = "hub:v1:";
  var NOTICE = {
    kept: "Your answers are saved as you type, in this browser on this device only. They are never " +
      "sent anywhere. On a shared computer, clear them when you finish.",
    blocked: "This browser is not letting the page save answers, so they will not be kept when you " +
      "leave or reload. Download or print them before you go.",
    corrupt: "Answers saved earlier on this device could not be read, so answers on this page will not " +
      "be kept. Download or print them before you go."
  };

  /* localStorage, or null when the browser refuses it (reading the property itself can throw).
     Probed once: a probe writes, and every write fires `storage` in the other tabs. */
  var opened = (function () {
    try {
      var storage = window.localStorage;
      var probe = PREFIX + "probe";
      storage.setItem(probe, "1");
      storage.removeItem(probe);
      return storage;
    } catch (error) {
      return null;
    }
  })();
  function local() {
    return opened;
  }

  function key(dataset, item) {
    return PREFIX + dataset + ":" + item;
  }

  function parseKey(text) {
    if (typeof text !== "string" || text.indexOf(PREFIX) !== 0) return null;
    var rest = text.slice(PREFIX.length);
    var colon = rest.indexOf(":");
    if (colon < 1 || colon === rest.length - 1) return null;
    return { dataset: rest.slice(0, colon), item: rest.slice(colon + 1) };
  }

  function isEmpty(value) {
    return value === "" || value === false || value === null || value === undefined;
  }

  function parse(raw) {
    try {
      return { value: JSON.parse(raw) };
    } catch (error) {
      return null;
    }
  }

  function keys() {
    var storage = local();
    if (!storage) return [];
    var found = [];
    try {
      for (var i = 0; i < storage.length; i++) {
        var name = storage.key(i);
        if (parseKey(name)) found.push(name);
      }
    } catch (error) {
      return [];
    }
    return found.sort();
  }

  /* Changes other tabs make, passed to every listener; one `storage` listener for the page. */
  var listeners = [];
  function onChange(fn) {
    listeners.push(fn);
    return function () {
      listeners = listeners.filter(function (other) { return other !== fn; });
    };
  }
  window.addEventListener("storage", function (event) {
    if (!opened || event.storageArea !== opened) return; // sessionStorage, or none of ours
    var change = null;
    if (event.key !== null) {
      var parts = parseKey(event.key);
      if (!parts) return;
      var parsed = event.newValue === null ? { value: undefined } : parse(event.newValue);
      change = {
        key: event.key, dataset: parts.dataset, item: parts.item, raw: event.newValue,
        value: parsed ? parsed.value : undefined, unreadable: !parsed
      };
    }
    listeners.slice().forEach(function (fn) { fn(change); });
  });

  function Store(dataset) {
    this.dataset = dataset;
    this.storage = local();
    this.state = this.storage ? "kept" : "blocked";
  }

  Store.prototype.get = function (item) {
    if (!this.storage) return undefined;
    var raw;
    try {
      raw = this.storage.getItem(key(this.dataset, item));
    } catch (error) {
      return undefined;
    }
    if (raw === null) return undefined;
    var parsed = parse(raw);
    if (!parsed) {
      this.markCorrupt();
      return undefined;
    }
    return parsed.value;
  };

  Store.prototype.markCorrupt = function () {
    if (this.state === "kept") this.state = "corrupt";
  };

  Store.prototype.set = function (item, value) {
    if (this.state !== "kept") return false;
    try {
      if (isEmpty(value)) this.storage.removeItem(key(this.dataset, item));
      else this.storage.setItem(key(this.dataset, item), JSON.stringify(value));
      return true;
    } catch (error) {
      this.state = "blocked"; // full, or revoked while the page was open
      return false;
    }
  };

  Store.prototype.remove = function (item) {
    return this.set(item, undefined);
  };

  Store.prototype.items = function () {
    var prefix = key(this.dataset, "");
    return keys().filter(function (name) { return name.indexOf(prefix) === 0; })
      .map(function (name) { return name.slice(prefix.length); });
  };

  Store.prototype.clear = function () {
    if (!this.storage) return;
    var storage = this.storage;
    var dataset = this.dataset;
    this.items().forEach(function (item) {
      try { storage.removeItem(key(dataset, item)); } catch (error) { /* nothing more to do */ }
    });
  };

  Store.prototype.onChange = function (fn) {
    var store = this;
    var dataset = this.dataset;
    return onChange(function (change) {
      if (change === null) {
        fn(null);
      } else if (change.dataset === dataset) {
        if (change.unreadable) store.markCorrupt();
        fn(change.item, change.value, change.unreadable);
      }
    });
  };

  function readAll() {
    var storage = local();
    var result = { values: {}, unreadable: {} };
    keys().forEach(function (name) {
      var raw = storage.getItem(name);
      if (raw === null) return;
      var parsed = parse(raw);
      if (parsed) result.values[name] = parsed.value;
      else result.unreadable[name] = raw;
    });
    return result;
  }

  function writeRaw(name, text) {
    var storage = local();
    if (!storage || !parseKey(name)) return false;
    try {
      storage.setItem(name, text);
      return true;
    } catch (error) {
      return false;
    }
  }

  function removeAll() {
    var storage = local();
    var removed = 0;
    keys().forEach(function (name) {
      try {
        storage.removeItem(name);
        removed += 1;
      } catch (error) { /* revoked: what is left stays */ }
    });
    return removed;
  }

  function download(name, text, type) {
    var blob = new Blob([text], { type: type || "text/plain;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function today() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function meta(name) {
    var tag = document.querySelector('meta[name="' + name + '"]');
    return tag ? tag.getAttribute("content") : "";
  }

  /* Where a download may say a page of the hub is (`href`: a link as written in the page). The
     public address (SITE_URL, from <meta name="hub-site-url">, overrides/main.html) when the build
     knows one; else the address itself when served over http(s); else "": a page opened from disk
     has only a file: URL, which holds the reader's folders (on Windows their account name) and is
     dead on any other computer, so it never goes into a file. */
  function address(href) {
    var url, root = (meta("hub-root") || ".").replace(/\/?$/, "/");
    try {
      url = new URL(href, window.location.href);
      root = new URL(root, window.location.href).href;
    } catch (error) {
      return "";
    }
    var site = meta("hub-site-url");
    var page = url.href.split("#")[0];
    if (site && page.indexOf(root) === 0) {
      var path = page.slice(root.length);
      /* The offline copy links .html files; the published site has a folder per page. */
      if (meta("hub-offline-date")) path = path.replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "/");
      return site.replace(/\/?$/, "/") + path + url.hash;
    }
    return /^https?:$/.test(url.protocol) ? url.href : "";
  }

  /* How a download names the page it was made on: its address (above), or in an offline copy
     with no public address "<page title>, from the hub's offline copy made on <date>". */
  function source() {
    var here = address(window.location.href.split("#")[0]);
    if (here) return here;
    var made = meta("hub-offline-date");
    return document.title + (made ? ", from the hub's offline copy made on " + made : "");
  }

  window.hubStorage = {
    PREFIX: PREFIX,
    NOTICE: NOTICE,
    key: key,
    parseKey: parseKey,
    available: function () { return local() !== null; },
    isEmpty: isEmpty,
    open: function (dataset) { return new Store(dataset); },
    keys: keys,
    readAll: readAll,
    writeRaw: writeRaw,
    removeAll: removeAll,
    onChange: onChange,
    download: download,
    address: address,
    source: source,
    today: today
  };
})();
