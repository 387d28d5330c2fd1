// Before require.js loads: tell it where the widget manager's own files are.
// The embed manager asks require.js for "@jupyter-widgets/html-manager/dist/..."
// (its icon fonts), which by default resolves next to the page; point it at the
// copy this site serves in _static/widgets/.
(function () {
  var here = document.currentScript && document.currentScript.src;
  if (!here) { return; }
  var widgets = new URL("widgets", here).href;
  window.require = window.require || {};
  window.require.paths = Object.assign({}, window.require.paths, {
    "@jupyter-widgets/html-manager/dist": widgets,
  });
})();
