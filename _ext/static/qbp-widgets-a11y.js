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
  function scan() {
    document.querySelectorAll(".widget-slider").forEach(label);
    document.querySelectorAll("label.InpLabel").forEach(quiz);
  }
  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; scan(); });
  }).observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true,
                                          attributeFilter: ["aria-valuenow"] });
})();
