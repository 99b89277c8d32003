/* Static interactives of "Magnesium, an interactive course".
 *
 * Each <figure class="mgc-interactive"> holds native controls (range inputs and selects, one per
 * static parameter, each with data-axis = its position), a plot container, a reading, and a JSON
 * model made by mgcourse.interactive.static_model: for every part of the chart (a trace attribute,
 * a layout key, a reading paragraph, the text alternative) the distinct values it takes and, for
 * each combination of the parameters it depends on, which value applies. Moving a control picks
 * the parts for the new combination and redraws the chart with Plotly.react. No kernel involved.
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

  function setup(figure) {
    var model = JSON.parse(figure.querySelector("script.mgc-model").textContent);
    var plot = figure.querySelector(".mgc-plot");
    var readingBox = figure.querySelector(".mgc-reading");
    var altBox = figure.querySelector(".mgc-alt");
    var controls = Array.prototype.slice.call(figure.querySelectorAll("[data-axis]"));
    var config = { responsive: true, displayModeBar: false };

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
      if (!first) {
        readingBox.innerHTML = state.reading.map(function (p) { return "<p>" + p + "</p>"; }).join("");
        altBox.textContent = "Text alternative: " + state.alt;
      }
      // Follow the page's text colour, so the chart reads in the theme's light and dark modes.
      state.layout.font = Object.assign({}, state.layout.font, { color: getComputedStyle(figure).color });
      var call = first ? window.Plotly.newPlot : window.Plotly.react;
      return call(plot, state.data, state.layout, config);
    }

    controls.forEach(function (c) {
      c.addEventListener("input", function () { draw(false); });
      c.addEventListener("change", function () { draw(false); });
    });
    figure.classList.add("mgc-ready");
    return draw(true);
  }

  function start() {
    var figures = document.querySelectorAll("figure.mgc-interactive");
    if (!figures.length) { return; }
    if (!window.Plotly) {
      figures.forEach(function (f) {
        var box = f.querySelector(".mgc-plot");
        box.textContent = "The chart could not be drawn because plotly.js did not load. The reading below still describes it.";
      });
      return;
    }
    figures.forEach(function (f) {
      try { setup(f); } catch (err) {
        f.querySelector(".mgc-plot").textContent = "This chart could not be drawn (" + err.message + ").";
        throw err;
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
