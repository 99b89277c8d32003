/* Static interactives of "Magnesium, an interactive course".
 *
 * Each <figure class="mgc-interactive"> holds native controls (range inputs, selects and text boxes,
 * one per static parameter, each with data-axis = its position), a plot container, a reading, and a
 * JSON model made by mgcourse.staticmodel: for every part of the chart (a trace attribute, a layout
 * key, a reading paragraph, the text alternative, a number the reading says) the distinct values it
 * takes and, for each combination of the controls it depends on, which value applies. A part that
 * several additive controls change is stored as terms, one per control, added up here. A typed value
 * (data-kind="typed") is read as mgcourse.chartkit reads it live, refused with the same message, or
 * converted to its base unit by the unit menu beside it; the chart's piece for it is the number of
 * cuts at or below it, and the numbers that follow it are computed from it. Moving a control
 * assembles the chart for the new state and redraws it with Plotly.react. No kernel involved.
 *
 * plotly.js is large (about 0.4 MB compressed), so it is loaded only when a chart comes near the
 * screen (or a learner touches a control, or the page is printed); the text above and below the
 * chart, its reading and its text alternative are in the page from the start. The script's URL,
 * relative to the book's root, is in this script tag's data-plotly attribute. Each chart's model
 * is loaded at the same moment, from the small script the build wrote for it.
 *
 * Each drawing follows the page: the chart's text, and any mark the figure draws in black (ink),
 * take the page's text colour, white marks (paper) take its background, and grid lines a faint
 * tint of the text colour, so that a chart reads in the theme's light and dark modes. On a narrow
 * screen (a phone) long legend entries, category labels and axis titles wrap, x axes get fewer
 * ticks, and the chart grows taller to keep room for its plotting area.
 */
(function () {
  "use strict";

  // ------------------------------------------------------------ numbers written as Python writes them

  // format(x, ".Nf"): as toFixed, but a value exactly halfway goes to the even digit.
  function pyFixed(x, digits) {
    var text = x.toFixed(digits);
    var exact = Math.abs(x).toFixed(digits + 25);
    if (/^50*$/.test(exact.slice(-25))) {
      var down = exact.slice(0, -25).replace(/\.$/, "");
      if (Number(down.charAt(down.length - 1)) % 2 === 0) { text = (x < 0 ? "-" : "") + down; }
    }
    return x === 0 && 1 / x < 0 ? "-" + text : text;
  }

  // repr(x) without a trailing ".0": the shortest digits, in fixed notation from 1e-4 up to 1e16.
  function pyRepr(x) {
    if (x === 0) { return 1 / x < 0 ? "-0" : "0"; }
    var parts = Math.abs(x).toExponential().split("e");
    var digits = parts[0].replace(".", ""), exponent = Number(parts[1]), sign = x < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 16) {
      var power = (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
      return sign + digits.charAt(0) + (digits.length > 1 ? "." + digits.slice(1) : "") + "e" + power;
    }
    if (exponent < 0) { return sign + "0." + "0".repeat(-exponent - 1) + digits; }
    var whole = digits.slice(0, exponent + 1), rest = digits.slice(exponent + 1);
    return sign + whole + "0".repeat(Math.max(0, exponent + 1 - digits.length)) + (rest ? "." + rest : "");
  }

  // format(x, "g"): six significant digits, without the zeros that end them.
  function pyG(x) {
    if (x === 0) { return 1 / x < 0 ? "-0" : "0"; }
    var exponent = Number(Math.abs(x).toExponential(5).split("e")[1]);
    if (exponent >= -4 && exponent < 6) {
      var fixed = pyFixed(x, 5 - exponent);
      return fixed.indexOf(".") < 0 ? fixed : fixed.replace(/0+$/, "").replace(/\.$/, "");
    }
    var parts = x.toExponential(5).split("e");
    var mantissa = parts[0].replace(/0+$/, "").replace(/\.$/, ""), power = Number(parts[1]);
    return mantissa + "e" + (power < 0 ? "-" : "+") + (Math.abs(power) < 10 ? "0" : "") + Math.abs(power);
  }

  function fillIn(template, field, text) {
    return template.replace(field, function () { return text; });
  }

  // ------------------------------------------------------------ a typed value, read as Python reads it

  var PY_FLOAT = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;
  var PY_NOT_FINITE = /^[+-]?(?:inf|infinity|nan)$/i;

  // What a typed value stands for in the base unit ({base}), or why it is refused ({message}).
  function readTyped(spec, raw, unit) {
    var messages = spec.messages;
    var text = raw.trim();
    if (!text) { return { message: messages.empty }; }
    if (/^-?\d+,\d+$/.test(text)) { text = text.replace(",", "."); }
    var value = PY_NOT_FINITE.test(text) ? NaN : PY_FLOAT.test(text) ? Number(text.replace(/_/g, "")) : null;
    if (value === null) { return { message: fillIn(messages.not_number, "{typed}", raw) }; }
    if (!isFinite(value)) { return { message: fillIn(messages.not_finite, "{typed}", raw) }; }
    if (!(spec.minimum <= value && value <= spec.maximum)) {
      return { message: fillIn(messages.outside, "{value}", pyRepr(value)) };
    }
    if (!(spec.low[unit] <= value && value <= spec.high[unit])) {
      return { message: fillIn(messages.outside_unit[unit], "{value}", pyG(value)) };
    }
    return { base: value / spec.per_unit[unit] };
  }

  function pieceOf(cuts, base) {
    var n = 0;
    while (n < cuts.length && cuts[n] <= base) { n++; }
    return n;
  }

  // ------------------------------------------------------------ a state of the chart, from its model

  function pick(part, sizes, indices) {
    var key = 0;
    for (var i = 0; i < part.deps.length; i++) {
      var axis = part.deps[i];
      key = key * sizes[axis] + indices[axis];
    }
    return part.values[part.index[key]];
  }

  function add(a, b) {
    return Array.isArray(a) ? a.map(function (x, i) { return x + b[i]; }) : a + b;
  }

  function partValue(part, sizes, indices) {
    if (!part.terms) { return pick(part, sizes, indices); }
    var total = pick(part.terms[0], sizes, indices);
    for (var i = 1; i < part.terms.length; i++) { total = add(total, pick(part.terms[i], sizes, indices)); }
    return total;
  }

  // A copy of a part with each number's place filled: a named number, or a typed value in a unit.
  function resolve(value, numbers, bases) {
    if (Array.isArray(value)) { return value.map(function (v) { return resolve(v, numbers, bases); }); }
    if (value && typeof value === "object") {
      if ("mgcNumber" in value) { return numbers[value.mgcNumber]; }
      if ("mgcTyped" in value) { return bases[value.mgcTyped] * value.per; }
      var out = {};
      Object.keys(value).forEach(function (k) { out[k] = resolve(value[k], numbers, bases); });
      return out;
    }
    return value;
  }

  var FIELD = /\{([A-Za-z_][A-Za-z0-9_]*):\.([0-9])f\}/g;

  function fillText(text, numbers) {
    return text.replace(FIELD, function (all, name, digits) { return pyFixed(numbers[name], Number(digits)); });
  }

  function assemble(model, indices, bases) {
    var data = [], layout = {}, reading = [], alt = "", numbers = {};
    var values = model.parts.map(function (part) { return partValue(part, model.sizes, indices); });
    model.parts.forEach(function (part, i) {
      if (part.path[0] === "number") { numbers[part.path[1]] = resolve(values[i], numbers, bases); }
    });
    model.parts.forEach(function (part, i) {
      var path = part.path;
      if (path[0] === "data") {
        data[path[1]] = data[path[1]] || {};
        data[path[1]][path[2]] = resolve(values[i], numbers, bases);
      } else if (path[0] === "layout") {
        layout[path[1]] = resolve(values[i], numbers, bases);
      } else if (path[0] === "reading") {
        reading[path[1]] = fillText(values[i], numbers);
      } else if (path[0] === "alt") {
        alt = fillText(values[i], numbers);
      }
    });
    return { data: data, layout: layout, reading: reading, alt: alt };
  }

  // ------------------------------------------------------------ colours of the page

  var INK = /^(#000|#000000|black)$/i;
  var PAPER = /^(#fff|#ffffff|white)$/i;

  function backgroundOf(element) {
    for (var el = element; el; el = el.parentElement) {
      var colour = getComputedStyle(el).backgroundColor;
      if (colour && colour !== "transparent" && !/rgba\(.*,\s*0\)$/.test(colour)) { return colour; }
    }
    return "rgb(255, 255, 255)";
  }

  function tint(colour, alpha) {
    var rgb = colour.match(/[\d.]+/g).slice(0, 3).join(", ");
    return "rgba(" + rgb + ", " + alpha + ")";
  }

  // A copy of a figure part with ink and paper colours replaced by the page's.
  function inPageColours(value, page) {
    if (typeof value === "string") {
      return INK.test(value) ? page.text : PAPER.test(value) ? page.background : value;
    }
    if (Array.isArray(value)) { return value.map(function (v) { return inPageColours(v, page); }); }
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (k) { out[k] = inPageColours(value[k], page); });
      return out;
    }
    return value;
  }

  // ------------------------------------------------------------ axes and narrow screens

  var NARROW = 560;       // px: below this chart width, labels are wrapped to fit
  var CHAR_WIDTH = 7;     // px per character of the charts' 13 px font, near enough
  var MIN_PLOT_AREA = 220; // px: the height a narrow chart keeps for its plotting area
  var LINE_HEIGHT = 16;    // px per line of a wrapped label

  // The layout key of every axis a trace uses ("x2" -> "xaxis2"), with the values along it.
  function axesOf(data) {
    var axes = {};
    data.forEach(function (trace) {
      [["x", trace.xaxis || "x"], ["y", trace.yaxis || "y"]].forEach(function (pair) {
        if (!trace.type || /^(scatter|bar|waterfall|box)$/.test(trace.type)) {
          var key = pair[0] + "axis" + pair[1].slice(1);
          axes[key] = axes[key] || { letter: pair[0], values: [] };
          axes[key].values = axes[key].values.concat(trace[pair[0]] || []);
        }
      });
    });
    return axes;
  }

  // Break a label at spaces into lines of at most `chars` characters (plotly writes <br> as a line break).
  function wrap(text, chars) {
    if (typeof text !== "string" || text.length <= chars) { return text; }
    return text.split("<br>").map(function (line) {
      var lines = [""];
      line.split(" ").forEach(function (word) {
        var last = lines.length - 1;
        if (lines[last] && (lines[last] + " " + word).length > chars) { lines.push(word); }
        else { lines[last] = lines[last] ? lines[last] + " " + word : word; }
      });
      return lines.join("<br>");
    }).join("<br>");
  }

  function titleText(title) { return typeof title === "string" ? title : title && title.text; }

  // Grid lines in a tint of the page's text colour; room at the edges for every axis's labels.
  function styleAxes(state, page) {
    Object.keys(axesOf(state.data)).forEach(function (key) {
      var axis = state.layout[key] = Object.assign({}, state.layout[key]);
      axis.gridcolor = axis.gridcolor || tint(page.text, 0.2);
      axis.zerolinecolor = axis.zerolinecolor || tint(page.text, 0.5);
      axis.automargin = true;
    });
  }

  // On a narrow screen: wrapped legend entries, axis titles and category labels, fewer ticks along
  // x axes, and side margins left to the axes' labels. Returns the height, in px, that the
  // plotting area needs for its labels.
  function fitToWidth(state, width) {
    if (width >= NARROW) { return 0; }
    var chars = function (px) { return Math.max(8, Math.floor(px / CHAR_WIDTH)); };
    var needed = MIN_PLOT_AREA;
    var axes = axesOf(state.data);
    Object.keys(axes).forEach(function (key) {
      var axis = state.layout[key];
      var horizontal = axes[key].letter === "x";
      var title = titleText(axis.title);
      if (title) {
        // An x title is centred on the plotting area, narrower than the chart; titles' font is larger.
        var room = (horizontal ? width * 0.55 : MIN_PLOT_AREA) * 0.85;
        axis.title = Object.assign({}, axis.title, { text: wrap(title, chars(room)) });
      }
      if (axis.tickvals) { return; }
      var categories = axes[key].values.filter(function (v, i, all) {
        return typeof v === "string" && all.indexOf(v) === i;
      });
      if (categories.length) {
        // The same categories with wrapped labels: the data keep their values.
        var labelWidth = horizontal ? (width * 0.6) / categories.length : width * 0.4;
        axis.tickvals = categories;
        axis.ticktext = categories.map(function (c) { return wrap(c, chars(labelWidth)); });
        if (!horizontal) {
          var lines = axis.ticktext.join("<br>").split("<br>").length;
          needed = Math.max(needed, lines * LINE_HEIGHT + categories.length * 8);
        }
      } else if (horizontal) {
        delete axis.dtick;
        axis.nticks = Math.max(3, Math.floor(width / 70));
      }
    });
    state.data.forEach(function (trace) { trace.name = wrap(trace.name, chars(width - 50)); });
    var margin = state.layout.margin || {};
    state.layout.margin = Object.assign({}, margin, { l: Math.min(margin.l || 80, 10), r: Math.min(margin.r || 80, 10) });
    return needed;
  }

  // Grow a chart whose plotting area is shorter than it needs (a wrapped legend takes height too).
  function keepPlotArea(plot, figure, needed) {
    var size = plot._fullLayout && plot._fullLayout._size;
    var missing = size ? Math.round(needed - size.h) : 0;
    if (missing <= 2) { return null; }
    figure.mgcExtraHeight = (figure.mgcExtraHeight || 0) + missing;
    return window.Plotly.relayout(plot, { height: plot._fullLayout.height + missing });
  }

  // ------------------------------------------------------------ drawing

  function setup(figure, model) {
    var plot = figure.querySelector(".mgc-plot");
    var readingBox = figure.querySelector(".mgc-reading");
    var altBox = figure.querySelector(".mgc-alt");
    var controls = Array.prototype.slice.call(figure.querySelectorAll("[data-axis]"));
    var config = { responsive: true, displayModeBar: false };
    var wait = plot.querySelector(".mgc-plot-wait");
    if (wait) { wait.remove(); }
    var typed = {};
    (model.typed || []).forEach(function (spec) { typed[spec.axis] = spec; });

    function initialValue(c) {
      if (c.tagName !== "SELECT") { return c.defaultValue; }
      var chosen = Array.prototype.filter.call(c.options, function (o) { return o.defaultSelected; })[0];
      return chosen ? chosen.value : "0";
    }

    // The state the controls set (or set when the page came), the typed values' messages, and
    // whether one of them is refused.
    function read(initial) {
      var state = { indices: model.sizes.map(function () { return 0; }), bases: {}, messages: {}, refused: false };
      controls.forEach(function (c) {
        if (!typed[c.dataset.axis]) { state.indices[Number(c.dataset.axis)] = Number(initial ? initialValue(c) : c.value); }
      });
      controls.forEach(function (c) {
        var spec = typed[c.dataset.axis];
        if (!spec) { return; }
        var value = readTyped(spec, initial ? c.defaultValue : c.value, state.indices[spec.unit_axis]);
        state.messages[c.id] = value.message || "";
        if (value.message) {
          state.refused = true;
        } else {
          state.bases[spec.axis] = value.base;
          state.indices[spec.axis] = pieceOf(spec.cuts, value.base);
        }
      });
      return state;
    }

    function say(messages) {
      Object.keys(messages).forEach(function (id) {
        var line = figure.querySelector("#" + id + "-message");
        if (line && line.textContent !== messages[id]) { line.textContent = messages[id]; }
      });
    }

    var drawn = null;  // the state last drawn: a key press fires "input" and "change" for one step
    var good = null;   // the last state the controls set that no typed value refused

    function draw(first, force) {
      var now = read(false);
      say(now.messages);
      // A refused value leaves the chart as it was: a first drawing takes the page's first state, a
      // redrawing (new colours, a new width) the last good one.
      if (now.refused) {
        if (first) { now = read(true); } else if (force && good) { now = good; } else { return Promise.resolve(); }
      }
      good = now;
      var key = JSON.stringify([now.indices, now.bases]);
      if (!first && !force && key === drawn) { return Promise.resolve(); }
      drawn = key;
      var state = assemble(model, now.indices, now.bases);
      // Read the page's colours and draw the chart before writing any text around it: plotly
      // measures its text as it draws, and every measurement after a write lays out the page again.
      var page = { text: getComputedStyle(figure).color, background: backgroundOf(figure) };
      state.data = inPageColours(state.data, page);
      state.layout = inPageColours(state.layout, page);
      state.layout.font = Object.assign({}, state.layout.font, { color: page.text });
      styleAxes(state, page);
      var needed = fitToWidth(state, plot.clientWidth);
      // The box's width, given each time: plotly.js sizes a chart to its box only when it first
      // draws it, and a chart grown taller (keepPlotArea) keeps the width it had then, so a phone
      // turned sideways would leave it narrow.
      if (plot.clientWidth > 0) { state.layout.width = plot.clientWidth; }
      if (needed && figure.mgcExtraHeight) {
        state.layout.height = (state.layout.height || 380) + figure.mgcExtraHeight;
      }
      var call = first ? window.Plotly.newPlot : window.Plotly.react;
      var drawing = call(plot, state.data, state.layout, config);
      controls.forEach(function (c) {
        if (c.type === "range") {
          var label = model.labels[Number(c.dataset.axis)][Number(c.value)];
          c.setAttribute("aria-valuetext", label);
          var out = c.nextElementSibling;
          if (out && out.tagName === "OUTPUT" && out.textContent !== label) { out.textContent = label; }
        }
      });
      // The reading is a live region, read out when it changes: replace it only if it differs
      // (a control may have moved before plotly.js arrived).
      var reading = state.reading.map(function (p) { return "<p>" + p + "</p>"; }).join("");
      if (readingBox.innerHTML !== reading) { readingBox.innerHTML = reading; }
      var alt = "Text alternative: " + state.alt;
      if (altBox.textContent !== alt) { altBox.textContent = alt; }
      return drawing.then(function () { return keepPlotArea(plot, figure, needed); });
    }

    controls.forEach(function (c) {
      if (typed[c.dataset.axis]) {
        // A typed value is read when the learner presses Enter or leaves the box, not at each key.
        c.addEventListener("keydown", function (event) { if (event.key === "Enter") { draw(false); } });
      } else {
        c.addEventListener("input", function () { draw(false); });
      }
      c.addEventListener("change", function () { draw(false); });
    });
    figure.mgcRedraw = function () { draw(false, true); };
    figure.classList.add("mgc-ready");
    return draw(true);
  }

  var root = document.documentElement.dataset.content_root || "";
  var plotlyPath = document.currentScript && document.currentScript.dataset.plotly;
  var loading = {};

  // Load a script of the book once (by <script> tag, which also works for a page opened from disk).
  function loadScript(path) {
    if (!loading[path]) {
      loading[path] = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = root + path;
        tag.onload = function () { resolve(); };
        tag.onerror = function () { reject(new Error(path + " did not load")); };
        document.head.appendChild(tag);
      });
    }
    return loading[path];
  }

  function loadPlotly() {
    if (window.Plotly) { return Promise.resolve(); }
    return plotlyPath ? loadScript(plotlyPath) : Promise.reject(new Error("no plotly.js address"));
  }

  // The build moves each chart's model out of the page into its own script (data-src), which
  // registers it in window.mgcourseModels; a model left in the page is read as it is.
  function loadModel(figure) {
    var holder = figure.querySelector("script.mgc-model");
    if (!holder.dataset.src) { return Promise.resolve(JSON.parse(holder.textContent)); }
    return loadScript(holder.dataset.src).then(function () {
      var model = (window.mgcourseModels || {})[figure.id];
      if (!model) { throw new Error("the chart's data did not load"); }
      return model;
    });
  }

  function fail(figure, message) {
    var plot = figure.querySelector(".mgc-plot");
    figure.mgcState = "failed";
    plot.removeAttribute("role");  // no longer an image: the message inside must be read out
    plot.textContent = message + " The reading below still describes it.";
  }

  function drawWhenReady(figure) {
    // The state lives on the element object, not in an attribute: a copy of the figure's HTML (live
    // code moves outputs around) is a new element that still has to be drawn.
    if (figure.mgcState) { return; }
    figure.mgcState = "loading";
    Promise.all([loadModel(figure), loadPlotly()]).then(function (loaded) {
      try {
        setup(figure, loaded[0]);
        figure.mgcState = "drawn";
      } catch (err) {
        fail(figure, "This chart could not be drawn (" + err.message + ").");
        throw err;
      }
    }, function (err) {
      fail(figure, "The chart could not be drawn: " + err.message + ".");
    });
  }

  function allFigures() {
    return Array.prototype.slice.call(document.querySelectorAll("figure.mgc-interactive"));
  }

  function start() {
    if (!allFigures().length) { return; }
    var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          drawWhenReady(entry.target);
        }
      });
    }, { rootMargin: "800px 0px" }) : null;

    function watch(figure) {
      if (figure.mgcWatched) { return; }
      figure.mgcWatched = true;
      // A learner who reaches a control before the chart is drawn starts the drawing.
      figure.addEventListener("focusin", function () { drawWhenReady(figure); });
      figure.addEventListener("pointerdown", function () { drawWhenReady(figure); });
      if (observer) { observer.observe(figure); } else { drawWhenReady(figure); }
    }

    allFigures().forEach(watch);
    // A page opened for printing (the build's handouts add ?print) draws every chart at once.
    if (/[?&]print\b/.test(window.location.search)) { allFigures().forEach(drawWhenReady); }
    // Live code re-creates a cell's outputs: watch the new copies too.
    new MutationObserver(function () { allFigures().forEach(watch); })
      .observe(document.body, { childList: true, subtree: true });
    window.addEventListener("beforeprint", function () { allFigures().forEach(drawWhenReady); });
    function redrawAll() { allFigures().forEach(function (f) { if (f.mgcRedraw) { f.mgcRedraw(); } }); }
    // Redraw in the new colours when the reader switches between light and dark mode.
    new MutationObserver(redrawAll).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    // Redraw for a new width (a phone turned sideways), once the resizing has stopped.
    var resizing = null;
    window.addEventListener("resize", function () {
      clearTimeout(resizing);
      resizing = setTimeout(redrawAll, 250);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
