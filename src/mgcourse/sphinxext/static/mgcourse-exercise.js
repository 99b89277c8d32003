/* Exercises worked on the page, checked in the static page (no kernel, nothing sent anywhere).
 *
 * Each exercise is a section.mgc-exercise made by mgcourse.exercises.static_html. It carries the
 * answer (data-answer, in data-unit), the tolerance, what one of each unit the answer can be typed in
 * is worth (data-scales), the pattern of a number followed by a unit, and every feedback text
 * (data-messages; the hint that the "high" and "low" texts share is given once, as {hint}). This script applies the same rules as mgcourse.exercises.check, which gives the
 * live widgets their feedback, and writes the message into the polite live region under the box.
 * The build extension loads it only on pages that hold an exercise.
 */
(function () {
  "use strict";

  function verdict(section, typed) {
    var messages = JSON.parse(section.dataset.messages);
    var scales = JSON.parse(section.dataset.scales);
    var text = typed.replace(/[\u2212\u2013]/g, "-").split(/\s+/).filter(Boolean).join(" ");
    if (!text) {
      return ["empty", messages.empty];
    }
    if (text.indexOf(",") >= 0 && text.indexOf(".") < 0) {
      text = text.replace(",", ".");
    }
    var match = new RegExp(section.dataset.pattern).exec(text);
    if (!match) {
      return ["not_number", messages.not_number.replace("{typed}", typed.trim())];
    }
    var value = parseFloat(match[1]);
    var unit = match[2].trim() || section.dataset.unit;
    var scale = scales[unit];
    if (scale === undefined) {
      var same = Object.keys(scales).filter(function (u) {
        return u.toLowerCase() === unit.toLowerCase();
      });
      if (same.length !== 1) {
        return ["unit", messages.unit.replace("{unit}", unit)];
      }
      scale = scales[same[0]];
    }
    var difference = value * scale - parseFloat(section.dataset.answer);
    if (Math.abs(difference) <= parseFloat(section.dataset.tolerance)) {
      return ["right", messages.right];
    }
    var kind = difference > 0 ? "high" : "low";
    return [kind, messages[kind].replace("{hint}", messages.hint)];
  }

  function setup(section) {
    var form = section.querySelector("form.mgc-exercise-form");
    var box = form.querySelector("input");
    var feedback = section.querySelector(".mgc-exercise-feedback");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var result = verdict(section, box.value);
      feedback.className = "mgc-exercise-feedback " + (result[0] === "right" ? "mgc-right" : "mgc-wrong");
      feedback.dataset.verdict = result[0];
      // Emptied first, so that a screen reader announces the same message given twice in a row.
      feedback.textContent = "";
      window.setTimeout(function () {
        feedback.textContent = result[1];
      }, 50);
    });
  }

  function setupAll() {
    var sections = document.querySelectorAll("section.mgc-exercise");
    for (var i = 0; i < sections.length; i++) {
      setup(sections[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupAll);
  } else {
    setupAll();
  }
})();
