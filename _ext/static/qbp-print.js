/* Wrap over-long code lines for print, with a visible continuation mark.

   qbpWrapCode() is called by tools/print_pdf.py once the page is laid out at the
   printed page's width (print media emulated). Each line of a code block that is
   wider than the block is broken (after a blank or a punctuation mark where one
   is near the end, else at the last column), and the rest is set on the next line
   under the line's own indentation, behind a grey "↪". The syntax colouring is
   kept: the breaks are inserted into the highlighted text, not rebuilt from it.
   Returns the number of lines it broke.
   qbpKeepShortBoxes() marks the boxes short enough to be kept whole on a page. */
(function () {
  "use strict";
  var MARK = "\u21aa ";

  function columns(pre) {
    var probe = document.createElement("span");
    probe.textContent = "0".repeat(100);
    probe.style.visibility = "hidden";
    probe.style.whiteSpace = "pre";
    pre.appendChild(probe);
    var width = probe.getBoundingClientRect().width / 100;
    pre.removeChild(probe);
    var style = getComputedStyle(pre);
    var room = pre.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return width > 0 ? Math.floor(room / width) - 1 : 0;
  }

  // Where to break one line of `cols` columns: offsets into the line and each piece's indent.
  function lineBreaks(line, cols) {
    var out = [];
    var indent = (line.match(/^\s*/)[0] || "").slice(0, Math.floor(cols / 2));
    var start = 0;
    var width = cols;
    while (line.length - start > width) {
      var cut = start + width;
      for (var i = cut; i > start + Math.floor(width * 0.6); i--) {
        if (/[\s,;(\[{.=+*\/-]/.test(line.charAt(i - 1)) && line.charAt(i) !== " ") {
          cut = i;
          break;
        }
      }
      out.push(cut);
      start = cut;
      width = cols - indent.length - MARK.length;
      if (width < 10) width = 10;
    }
    return { cuts: out, indent: indent };
  }

  function wrapPre(pre) {
    var cols = columns(pre);
    if (cols < 20) return 0;
    var text = pre.textContent;
    var breaks = []; // [offset in the block's text, indent]
    var offset = 0;
    text.split("\n").forEach(function (line) {
      var b = lineBreaks(line, cols);
      b.cuts.forEach(function (c) { breaks.push([offset + c, b.indent]); });
      offset += line.length + 1;
    });
    if (!breaks.length) return 0;
    var walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var position = 0;
    var k = 0;
    nodes.forEach(function (node) {
      var start = position;
      position += node.data.length;
      var here = [];
      while (k < breaks.length && breaks[k][0] < position) here.push(breaks[k++]);
      for (var j = here.length - 1; j >= 0; j--) {
        var rest = node.splitText(here[j][0] - start);
        var mark = document.createElement("span");
        mark.className = "qbp-wrap";
        mark.setAttribute("aria-hidden", "true");
        mark.textContent = "\n" + here[j][1] + MARK;
        rest.parentNode.insertBefore(mark, rest);
      }
    });
    return new Set(breaks.map(function (b) { return text.lastIndexOf("\n", b[0]); })).size;
  }

  var BOXES = [
    "div.cell", "div.cell_input", "div.cell_output > div.output", "div.admonition",
    "div.exercise", "div.solution", "div.highlight", "div[class*='highlight-']", "table"
  ].map(function (s) { return ".bd-content " + s; }).join(", ");

  // Mark the boxes shorter than `most` pixels (default: most of an A4 page's text height)
  // so that print does not split them; returns how many it marked.
  window.qbpKeepShortBoxes = function (most) {
    most = most || 800;
    var marked = 0;
    document.querySelectorAll(BOXES).forEach(function (box) {
      var short = box.offsetParent !== null && box.getBoundingClientRect().height < most;
      box.classList.toggle("qbp-keep", short);
      if (short) marked += 1;
    });
    return marked;
  };
  window.addEventListener("beforeprint", function () { window.qbpKeepShortBoxes(); });

  window.qbpWrapCode = function () {
    var broken = 0;
    document.querySelectorAll(".bd-content div.highlight pre").forEach(function (pre) {
      if (pre.offsetParent !== null) broken += wrapPre(pre);
    });
    return broken;
  };
})();
