// Slider handles drawn by the ipywidgets embed manager announce their index
// ("2") to screen readers. Give each handle its slider's label and the value the
// reader sees in the readout ("0.01"), and keep the value current as it moves.
(function () {
  function label(slider) {
    var handle = slider.querySelector(".noUi-handle");
    var readout = slider.querySelector(".widget-readout");
    var description = slider.querySelector(".widget-label");
    if (!handle || !readout) { return; }
    if (description && description.textContent) {
      handle.setAttribute("aria-label", description.textContent.trim());
    }
    var text = (readout.textContent || readout.value || "").trim();
    if (text && handle.getAttribute("aria-valuetext") !== text) {
      handle.setAttribute("aria-valuetext", text);
    }
  }
  // jupyterquiz's numeric self-checks draw their "Type numeric answer here" label
  // beside the input without tying it to it: tie them, so the input has a name.
  function quiz(text) {
    var input = text.parentElement.querySelector("input.Input-text");
    if (text && input && input.id && text.htmlFor !== input.id) { text.htmlFor = input.id; }
  }
  // Its multiple-choice radios sit inside their answer's label, but an answer that is
  // only mathematics has no text a screen reader (or axe) can name once MathJax has
  // drawn it: name each radio from its answer's source, read when it first appears.
  function choice(radio) {
    if (radio.hasAttribute("aria-label")) { return; }
    var text = (radio.parentElement.textContent || "").replace(/\\[()\[\]]/g, "")
      .replace(/\\([A-Za-z]+)/g, "$1").replace(/\s+/g, " ").trim();
    if (text) { radio.setAttribute("aria-label", text); }
  }
  // jupyterquiz asks MathJax to typeset its questions only if MathJax has loaded when it
  // draws them; a quiz drawn earlier keeps its raw TeX. Typeset any quiz that still
  // holds a "\(" once MathJax is ready (its radios are named first, above).
  function quizMath(container) {
    var mathjax = window.MathJax;
    if (!mathjax || !mathjax.startup || !mathjax.startup.promise || container.qbpTypesetting) { return; }
    if ((container.textContent || "").indexOf("\\(") < 0) { return; }
    container.qbpTypesetting = true;
    mathjax.startup.promise
      .then(function () { return mathjax.typesetPromise([container]); })
      .finally(function () { container.qbpTypesetting = false; });
  }
  function scan() {
    document.querySelectorAll(".widget-slider").forEach(label);
    document.querySelectorAll("label.InpLabel").forEach(quiz);
    document.querySelectorAll("label.MCButton > input").forEach(choice);
    document.querySelectorAll("div.Quiz").forEach(quizMath);
  }
  // MathJax may load after the last mutation: look again once it is ready.
  var started = window.setInterval(function () {
    var mathjax = window.MathJax;
    if (mathjax && mathjax.startup && mathjax.startup.promise) {
      window.clearInterval(started);
      mathjax.startup.promise.then(scan);
    }
  }, 200);
  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; scan(); });
  }).observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true,
                                          attributeFilter: ["aria-valuenow"] });
})();
