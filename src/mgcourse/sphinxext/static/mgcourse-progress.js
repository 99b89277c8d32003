/* The learner's progress through "Magnesium, an interactive course", kept in this browser only.
 *
 * The build writes nav.mgc-path at the end of the page and the list of chapters in course-path.js
 * (window.mgcoursePath). This script draws the path there: one numbered link
 * per chapter, with its title and reading time. On a chapter page the chapter is marked as opened;
 * when every question of its self-check has been answered correctly, it is marked as checked; the
 * path shows both marks and says where to carry on. Everything is stored in localStorage under one
 * key; nothing is sent anywhere, and a button forgets it.
 */
(function () {
  "use strict";

  var KEY = "mgcourse-progress";

  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return { opened: saved.opened || {}, checked: saved.checked || {} };
    } catch (err) {
      return { opened: {}, checked: {} };
    }
  }

  function save(progress) {
    try { window.localStorage.setItem(KEY, JSON.stringify(progress)); } catch (err) { /* storage off: no marks */ }
  }

  function drawPath(path, chapters) {
    var root = document.documentElement.dataset.content_root || "";
    var list = document.createElement("ol");
    chapters.forEach(function (chapter, i) {
      var item = document.createElement("li");
      item.dataset.doc = chapter.doc;
      var link = document.createElement("a");
      link.href = root + chapter.href;
      link.textContent = String(i + 1);
      link.dataset.title = chapter.title;
      link.dataset.label = chapter.title + ", about " + chapter.minutes + " min of reading";
      link.title = link.dataset.label;
      if (chapter.doc === path.dataset.page) { link.setAttribute("aria-current", "page"); }
      item.appendChild(link);
      list.appendChild(item);
    });
    var mine = document.createElement("p");
    mine.className = "mgc-path-mine";
    path.appendChild(list);
    path.appendChild(mine);
  }

  function show(path, progress) {
    var items = Array.prototype.slice.call(path.querySelectorAll("li[data-doc]"));
    items.forEach(function (item) {
      var doc = item.dataset.doc;
      item.classList.toggle("mgc-opened", Boolean(progress.opened[doc]));
      item.classList.toggle("mgc-checked", Boolean(progress.checked[doc]));
      var link = item.querySelector("a");
      var state = progress.checked[doc] ? " (opened, self-check done)" : progress.opened[doc] ? " (opened)" : "";
      link.setAttribute("aria-label", link.dataset.label + state);
    });
    var mine = path.querySelector(".mgc-path-mine");
    var opened = items.filter(function (i) { return progress.opened[i.dataset.doc]; }).length;
    var checked = items.filter(function (i) { return progress.checked[i.dataset.doc]; }).length;
    var next = items.filter(function (i) { return !progress.opened[i.dataset.doc]; })[0];
    mine.textContent = "";
    if (!opened) {
      mine.appendChild(document.createTextNode("Your progress will show here as you open chapters. It is kept in this browser only."));
    } else {
      mine.appendChild(document.createTextNode(
        "In this browser you have opened " + opened + " of " + items.length + " chapters and completed " +
        checked + " self-check" + (checked === 1 ? "" : "s") + ". "));
      if (next && path.dataset.page !== next.dataset.doc) {
        var link = next.querySelector("a").cloneNode(true);
        link.removeAttribute("aria-label");
        link.removeAttribute("title");
        link.textContent = "Carry on with " + link.dataset.title;
        mine.appendChild(link);
        mine.appendChild(document.createTextNode(". "));
      }
      var forget = document.createElement("button");
      forget.type = "button";
      forget.className = "mgc-forget";
      forget.textContent = "Forget my progress";
      forget.addEventListener("click", function () {
        try { window.localStorage.removeItem(KEY); } catch (err) { /* nothing to forget */ }
        show(path, load());
      });
      mine.appendChild(forget);
    }
  }

  function watchSelfCheck(path, doc) {
    var check = document.querySelector(".mgc-selfcheck");
    if (!check || !doc) { return; }
    check.addEventListener("change", function () {
      var questions = check.querySelectorAll("fieldset");
      var right = check.querySelectorAll("input[type=radio]:checked ~ .mgc-feedback.mgc-right").length;
      if (questions.length && right === questions.length) {
        var progress = load();
        progress.checked[doc] = Date.now();
        save(progress);
        show(path, progress);
      }
    });
  }

  var path = document.querySelector("nav.mgc-path");
  if (!path || !window.mgcoursePath) { return; }
  drawPath(path, window.mgcoursePath);
  var progress = load();
  var doc = path.dataset.page;
  var isChapter = Boolean(path.querySelector('li[data-doc="' + doc + '"]'));
  if (isChapter) {
    progress.opened[doc] = progress.opened[doc] || Date.now();
    save(progress);
    watchSelfCheck(path, doc);
  }
  show(path, progress);
})();
