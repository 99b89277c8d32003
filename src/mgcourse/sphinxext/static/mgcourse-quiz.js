/* The running score of a scored quiz (the course-level check), in the static page.
 *
 * The quiz is plain HTML made by mgcourse.content.self_check(..., scored=True): one fieldset of
 * radio buttons per question, data-correct on the right option, feedback shown by CSS alone, and a
 * polite live region (.mgc-score) at the end. This script only counts: after each change it writes
 * "You have answered N of M; X correct." into that region, which screen readers announce. Nothing
 * is stored or sent anywhere. The build extension loads it only on pages that hold a scored quiz.
 */
(function () {
  "use strict";

  function update(quiz, line) {
    var questions = quiz.querySelectorAll("fieldset.mgc-question");
    var answered = 0;
    var correct = 0;
    for (var i = 0; i < questions.length; i++) {
      var chosen = questions[i].querySelector("input[type=radio]:checked");
      if (chosen) {
        answered += 1;
        if (chosen.hasAttribute("data-correct")) {
          correct += 1;
        }
      }
    }
    line.textContent =
      "You have answered " + answered + " of " + questions.length + "; " + correct + " correct.";
  }

  function setup() {
    var quizzes = document.querySelectorAll(".mgc-selfcheck.mgc-scored");
    for (var i = 0; i < quizzes.length; i++) {
      (function (quiz) {
        var line = quiz.querySelector(".mgc-score");
        if (!line) {
          return;
        }
        quiz.addEventListener("change", function (event) {
          if (event.target && event.target.type === "radio") {
            update(quiz, line);
          }
        });
        // Answers the browser restored (going back to the page) count from the start.
        if (quiz.querySelector("input[type=radio]:checked")) {
          update(quiz, line);
        }
      })(quizzes[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
