/* Static interactives of "Magnesium, an interactive course".
 *
 * Each <figure class="mgc-interactive"> holds native controls (range inputs and selects, one per
 * static parameter, each with data-axis = its position), a plot container, a reading, and a JSON
 * model made by mgcourse.chartkit.static_model: for every part of the chart (a trace attribute,
 * a layout key, a reading paragraph, the text alternative) the distinct values it takes and, for
 * each combination of the parameters it depends on, which value applies. Moving a control picks
 * the parts for the new combination and redraws the chart with Plotly.react. No kernel involved.
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

  function partValue(part, sizes, indices) {
    var key = 0;
    for (var i = 0; i < part.deps.length; i++) {
      var axis = part.deps[i];
      key = key * sizes[axis] + indices[axis];
    }
    return part.values[part.index[key]];
  }

  function assemble(model, indices) {
    var data = [], layout = {}, reading = [], alt = "";
    model.parts.forEach(function (part) {
      var value = JSON.parse(JSON.stringify(partValue(part, model.sizes, indices)));
      var path = part.path;
      if (path[0] === "data") {
        data[path[1]] = data[path[1]] || {};
        data[path[1]][path[2]] = value;
      } else if (path[0] === "layout") {
        layout[path[1]] = value;
      } else if (path[0] === "reading") {
        reading[path[1]] = value;
      } else if (path[0] === "alt") {
        alt = value;
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

    function indices() {
      var out = model.sizes.map(function () { return 0; });
      controls.forEach(function (c) { out[Number(c.dataset.axis)] = Number(c.value); });
      return out;
    }

    var drawn = null;  // the step last drawn: a key press fires "input" and "change" for one step

    function draw(first, force) {
      var idx = indices();
      if (!first && !force && idx.join() === drawn) { return Promise.resolve(); }
      drawn = idx.join();
      var state = assemble(model, idx);
      // Read the page's colours and draw the chart before writing any text around it: plotly
      // measures its text as it draws, and every measurement after a write lays out the page again.
      var page = { text: getComputedStyle(figure).color, background: backgroundOf(figure) };
      state.data = inPageColours(state.data, page);
      state.layout = inPageColours(state.layout, page);
      state.layout.font = Object.assign({}, state.layout.font, { color: page.text });
      styleAxes(state, page);
      var needed = fitToWidth(state, plot.clientWidth);
      if (needed && figure.mgcExtraHeight) {
        state.layout.height = (state.layout.height || 380) + figure.mgcExtraHeight;
      }
      var call = first ? window.Plotly.newPlot : window.Plotly.react;
      var drawing = call(plot, state.data, state.layout, config);
      controls.forEach(function (c) {
        if (c.type === "range") {
          var label = model.labels[Number(c.dataset.axis)][Number(c.value)];
          c.setAttribute("aria-valuetext", label);
          var out = figure.querySelector("output[for='" + c.id + "']");
          if (out && out.textContent !== label) { out.textContent = label; }
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
      c.addEventListener("input", function () { draw(false); });
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
