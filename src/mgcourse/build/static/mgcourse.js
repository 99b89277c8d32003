/* Static interactives of "Magnesium, an interactive course".
 *
 * Each <figure class="mgc-interactive"> holds native controls (range inputs and selects, one per
 * static parameter, each with data-axis = its position), a plot container, a reading, and a JSON
 * model made by mgcourse.interactive.static_model: for every part of the chart (a trace attribute,
 * a layout key, a reading paragraph, the text alternative) the distinct values it takes and, for
 * each combination of the parameters it depends on, which value applies. Moving a control picks
 * the parts for the new combination and redraws the chart with Plotly.react. No kernel involved.
 *
 * plotly.js is large (about 1.5 MB compressed), so it is loaded only when a chart comes near the
 * screen (or a learner touches a control, or the page is printed); the text above and below the
 * chart, its reading and its text alternative are in the page from the start. The script's URL,
 * relative to the book's root, is in this script tag's data-plotly attribute. Each chart's model
 * is loaded at the same moment, from the small script the build wrote for it.
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

    function draw(first) {
      var idx = indices();
      var state = assemble(model, idx);
      controls.forEach(function (c) {
        if (c.type === "range") {
          var label = model.labels[Number(c.dataset.axis)][Number(c.value)];
          c.setAttribute("aria-valuetext", label);
          var out = figure.querySelector("output[for='" + c.id + "']");
          if (out) { out.textContent = label; }
        }
      });
      // The reading is a live region, read out when it changes: replace it only if it differs
      // (a control may have moved before plotly.js arrived).
      var reading = state.reading.map(function (p) { return "<p>" + p + "</p>"; }).join("");
      if (readingBox.innerHTML !== reading) { readingBox.innerHTML = reading; }
      altBox.textContent = "Text alternative: " + state.alt;
      // Follow the page's text colour, so the chart reads in the theme's light and dark modes.
      state.layout.font = Object.assign({}, state.layout.font, { color: getComputedStyle(figure).color });
      var call = first ? window.Plotly.newPlot : window.Plotly.react;
      return call(plot, state.data, state.layout, config);
    }

    controls.forEach(function (c) {
      c.addEventListener("input", function () { draw(false); });
      c.addEventListener("change", function () { draw(false); });
    });
    figure.mgcRedraw = function () { draw(false); };
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
    figure.mgcState = "failed";
    figure.querySelector(".mgc-plot").textContent = message + " The reading below still describes it.";
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
    // Redraw in the new text colour when the reader switches between light and dark mode.
    new MutationObserver(function () {
      allFigures().forEach(function (f) { if (f.mgcRedraw) { f.mgcRedraw(); } });
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
