/*
 * Scroll regions: a block too wide for the screen, which scrolls sideways, can be reached and
 * scrolled from the keyboard on every device, and says what it is.
 *
 * It enhances what Material makes scroll: the wrapper it puts round every table
 * (`.md-typeset__scrollwrap`) and code blocks (`.md-typeset pre > code`), and any block the hub
 * marks `[data-hub-scroll]`. Material makes a wide code block focusable only where a mouse can
 * hover (matchMedia("(hover)")) and never a table's wrapper, so on a phone a keyboard or switch
 * user could not scroll them (axe-core: scrollable-region-focusable).
 *
 * A region that scrolls gets tabindex="0", role="region" and a name ("Table, scrolls sideways");
 * when it fits again, what this script added is taken away. It watches each region's size, and
 * puts the tab stop back if Material takes it away from a code block on a touch screen.
 */
(function () {
  "use strict";

  var REGIONS = ".md-typeset__scrollwrap, .md-typeset pre > code, [data-hub-scroll]";
  var MADE = "data-hub-scroll-region";  // marks what this script added, so it only removes its own

  function nameOf(region) {
    if (region.matches("code")) return "Code, scrolls sideways";
    if (region.querySelector("table")) return "Table, scrolls sideways";
    return "Scrolls sideways";
  }

  /* Measures every region first, then changes attributes: a change between two measurements
     would make the browser lay the page out again for the second one. */
  function updateAll(regions) {
    regions.map(function (region) {
      return [region, region.scrollWidth > region.clientWidth + 1];
    }).forEach(function (measured) { update(measured[0], measured[1]); });
  }

  function update(region, scrolls) {
    var made = region.hasAttribute(MADE);
    if (scrolls && !region.hasAttribute("tabindex")) {
      region.setAttribute("tabindex", "0");
      if (!region.hasAttribute("role")) {
        region.setAttribute("role", "region");
        if (!region.hasAttribute("aria-label") && !region.hasAttribute("aria-labelledby")) {
          region.setAttribute("aria-label", nameOf(region));
        }
        region.setAttribute(MADE, "named");
      } else {
        region.setAttribute(MADE, "");
      }
    } else if (!scrolls && made) {
      region.removeAttribute("tabindex");
      if (region.getAttribute(MADE) === "named") {
        region.removeAttribute("role");
        region.removeAttribute("aria-label");
      }
      region.removeAttribute(MADE);
    }
  }

  function watch() {
    /* A ResizeObserver reports each region once it is laid out (and again when its size
       changes), so nothing is measured while the page is still being put together. */
    var sizes = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
      updateAll(entries.map(function (entry) { return entry.target; }));
    }) : null;
    var tabStops = new MutationObserver(function (records) {
      updateAll(records.map(function (record) { return record.target; }));
    });
    var watched = [];

    function add(region) {
      if (watched.indexOf(region) >= 0) return;
      watched.push(region);
      if (sizes) sizes.observe(region);
      else updateAll([region]);
      tabStops.observe(region, { attributes: true, attributeFilter: ["tabindex"] });
    }

    function scan(root) {
      if (root.nodeType !== 1) return;
      if (root.matches(REGIONS)) add(root);
      root.querySelectorAll(REGIONS).forEach(add);
    }

    scan(document.body);
    /* Material wraps each table in its scroll wrapper from its own script, after this one runs. */
    new MutationObserver(function (records) {
      records.forEach(function (record) { record.addedNodes.forEach(scan); });
    }).observe(document.body, { childList: true, subtree: true });
    if (!sizes) window.addEventListener("resize", function () { updateAll(watched); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})();
