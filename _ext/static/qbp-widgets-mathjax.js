// The ipywidgets embed manager typesets widget labels with MathJax 2's API
// (MathJax.Hub.Queue); the site serves MathJax 3. Route those calls to
// MathJax 3's typesetPromise once MathJax has started.
(function () {
  var mathjax = (window.MathJax = window.MathJax || {});
  mathjax.Hub = {
    Queue: function (command) {
      var element = command && command[2];
      var run = function () {
        if (window.MathJax.typesetPromise) {
          window.MathJax.typesetPromise(element ? [element] : undefined);
        }
      };
      if (window.MathJax.startup && window.MathJax.startup.promise) {
        window.MathJax.startup.promise.then(run);
      }
    },
  };
  var ready = mathjax.startup && mathjax.startup.ready;
  mathjax.startup = Object.assign({}, mathjax.startup, {
    ready: function () {
      if (ready) { ready(); } else { window.MathJax.startup.defaultReady(); }
      window.MathJax.Hub = mathjax.Hub;
    },
  });
})();
