/* Live code (Thebe) on a chapter page of "Magnesium, an interactive course".
 *
 * The launch menu's "Live Code" entry starts thebe (sphinx-thebe and the theme do that). This
 * script, loaded on chapter pages, adds what a learner needs around it:
 *  - thebe loads require.js from the book (the build points thebe at this address);
 *  - the folded code cells open, so that the code to run and its output can be seen;
 *  - a plain message when no kernel can be reached (no network, mybinder.org busy or down), or
 *    when this copy of the book was built without live code. The page keeps working without it.
 */
(function () {
  "use strict";

  var own = document.currentScript;
  var root = document.documentElement.dataset.content_root || "";
  window.MGCOURSE_REQUIREJS_URL = new URL(root + own.dataset.requirejs, document.baseURI).href;
  var available = own.dataset.thebe === "available";
  var thebeCss = root + own.dataset.thebeCss;
  var WAIT_FOR_LIBRARY_MS = 30000;
  var WAIT_FOR_KERNEL_MS = 300000;
  var started = false, settled = false;

  var STILL_WORKS = "Everything else on this page works without it: the charts, their controls and the " +
    "self-check. To use the live controls, try again later, open this chapter in JupyterLab with the " +
    "Binder entry of the launch menu (rocket icon), or run the course on your own computer (see the page " +
    "for instructors).";

  function messageBox() {
    var box = document.getElementById("mgc-live-message");
    if (!box) {
      box = document.createElement("div");
      box.id = "mgc-live-message";
      box.className = "mgc-live-message";
      box.setAttribute("role", "status");
      var title = document.querySelector("article.bd-article section h1") || document.querySelector("section h1");
      var anchor = title && title.nextElementSibling && title.nextElementSibling.classList.contains("thebe-launch-button")
        ? title.nextElementSibling : title;
      if (anchor) { anchor.insertAdjacentElement("afterend", box); } else { document.body.prepend(box); }
    }
    return box;
  }

  function say(text, problem) {
    var box = messageBox();
    box.textContent = text;
    box.classList.toggle("mgc-live-problem", Boolean(problem));
    box.setAttribute("role", problem ? "alert" : "status");
  }

  function fail(reason) {
    if (settled) { return; }
    settled = true;
    say("Live code could not start: " + reason + ". " + STILL_WORKS, true);
  }

  function showCode() {
    document.querySelectorAll("details.above-input, details.hide").forEach(function (d) { d.open = true; });
    if (!document.querySelector("link[data-mgc-thebe]")) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = thebeCss;
      link.dataset.mgcThebe = "1";
      document.head.appendChild(link);
    }
  }

  function watch() {
    var waited = 0;
    var poll = setInterval(function () {
      waited += 500;
      if (window.thebelab && window.thebelab.on) {
        clearInterval(poll);
        window.thebelab.on("status", function (event, data) {
          var status = data && data.status;
          if (status === "ready" || status === "idle") {
            if (!settled) { settled = true; say("Live code is running: edit a cell and press its run button, or use the controls under each chart.", false); }
          } else if (status === "failed" || status === "dead") {
            fail("no Python kernel could be reached (" + (data.message || status) + ")");
          }
        });
      } else if (waited >= WAIT_FOR_LIBRARY_MS) {
        clearInterval(poll);
        fail("the live code library did not load");
      }
    }, 500);
    setTimeout(function () {
      if (!settled) { fail("no Python kernel answered within five minutes"); }
    }, WAIT_FOR_KERNEL_MS);
  }

  // sphinx-thebe starts thebe with bootstrap() and no options, and thebe 0.9 then connects to the
  // server without asking it for a kernel: ask for one whenever thebe is bootstrapped.
  function askForKernel(thebe) {
    if (thebe && thebe.bootstrap && !thebe.bootstrap.mgcWrapped) {
      var bootstrap = thebe.bootstrap;
      thebe.bootstrap = function (options) {
        return bootstrap(Object.assign({ requestKernel: true }, options || {}));
      };
      thebe.bootstrap.mgcWrapped = true;
    }
    return thebe;
  }
  var thebeLibrary = askForKernel(window.thebelab);
  Object.defineProperty(window, "thebelab", {
    configurable: true,
    get: function () { return thebeLibrary; },
    set: function (value) { thebeLibrary = askForKernel(value); },
  });

  // A failed connection surfaces in thebe as a rejected promise that nothing catches: report it here.
  window.addEventListener("unhandledrejection", function (event) {
    if (!started) { return; }
    event.preventDefault();
    var reason = event.reason && (event.reason.message || String(event.reason));
    fail("no Python kernel could be reached" + (reason ? " (" + reason + ")" : ""));
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".btn-launch-thebe");
    if (!button) { return; }
    if (!available) {
      event.preventDefault();
      event.stopImmediatePropagation();
      say("Live code is not available in this copy of the book, which was built without its library. " + STILL_WORKS, true);
      return;
    }
    if (started) { return; }
    started = true;
    say("Starting live code: asking mybinder.org for a Python kernel. This can take a few minutes.", false);
    showCode();
    watch();
  }, true);
})();
