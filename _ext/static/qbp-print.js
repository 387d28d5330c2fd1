/* Wrap over-long code lines for print, with a visible continuation mark.

   qbpWrapCode() is called by tools/print_pdf.py once the page is laid out at the
   printed page's width (print media emulated). Each line of a code block that is
   wider than the block is broken (after a blank or a punctuation mark where one
   is near the end, else at the last column), and the rest is set on the next line
   under the line's own indentation, behind a grey "↪". The syntax colouring is
   kept: the breaks are inserted into the highlighted text, not rebuilt from it.
   Returns the number of lines it broke.
   qbpKeepShortBoxes() marks the boxes short enough to be kept whole on a page.
   qbpStudentEdition() and qbpKeyEdition() set the page for the book's two other prints:
   without its worked solutions, and its exercises with their solutions alone. */
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

  // The student edition: every worked solution hidden (qbp-print.css, body.qbp-student), and
  // every link that leads to one unwrapped into its text. `targets` lists the solutions' places
  // in the whole site as "page.html#id" (a link may lead to another page's solution). Returns
  // the number of solutions hidden on this page.
  window.qbpStudentEdition = function (targets) {
    var places = new Set(targets || []);
    document.querySelectorAll(".bd-content a[href]").forEach(function (a) {
      var url = new URL(a.getAttribute("href"), location.href);
      var page = url.pathname.split("/").pop();
      var id = decodeURIComponent(url.hash.slice(1));
      var here = url.pathname === location.pathname && id && document.getElementById(id);
      if (places.has(page + "#" + id) || (here && here.closest("div.solution"))) {
        a.replaceWith.apply(a, Array.from(a.childNodes));
      }
    });
    document.body.classList.add("qbp-student");
    return document.querySelectorAll(".bd-content div.solution").length;
  };

  // The key: the page's article becomes its title, then for each exercise a section headed
  // by the exercise's number and title, holding its statement and its worked solution (the
  // elements themselves are moved, so their typeset mathematics, outputs and toggles stay).
  // Links that would lead out of what is left are unwrapped into their text. Returns the
  // number of exercises kept.
  window.qbpKeyEdition = function (title, noSolution) {
    var top = document.querySelector(".bd-article > section[id]");
    if (!top) return 0;
    var solutions = {};
    top.querySelectorAll("div.solution").forEach(function (sol) {
      var link = sol.querySelector(".admonition-title a[href^='#']");
      if (link) solutions[decodeURIComponent(link.getAttribute("href").slice(1))] = sol;
    });
    var exercises = Array.from(top.querySelectorAll("div.exercise"));
    var heading = document.createElement("h1");
    heading.textContent = title;
    var kept = [heading];
    exercises.forEach(function (exercise) {
      var section = document.createElement("section");
      section.id = "key-" + exercise.id;
      var name = exercise.querySelector(":scope > .admonition-title");
      var h2 = document.createElement("h2");
      h2.append.apply(h2, Array.from(name.childNodes));
      var anchor = document.createElement("a");  // a link's target gets a place in the PDF
      anchor.className = "headerlink";
      anchor.href = "#" + section.id;
      h2.append(anchor);
      name.remove();
      section.append(h2, exercise);
      var solution = solutions[exercise.id];
      if (solution) {
        section.append(solution);
      } else {
        var note = document.createElement("p");
        note.className = "qbp-key-none";
        note.textContent = noSolution;
        // inside the statement's box, so that no page holds the note alone
        (exercise.querySelector(":scope > section") || exercise).append(note);
      }
      kept.push(section);
    });
    top.replaceChildren.apply(top, kept);
    document.body.classList.add("qbp-key");
    // open the solutions now, not when printing starts, so that the boxes are measured open
    top.querySelectorAll(".admonition.toggle.toggle-hidden button.toggle-button").forEach(
      function (button) { button.click(); }
    );
    // the theme's printed title and the page's own contents, whose sections are gone
    var printed = document.querySelector("#jb-print-docs-body h1");
    if (printed) printed.textContent = title;
    var toc = document.getElementById("jb-print-toc");
    if (toc) toc.remove();
    document.querySelectorAll(".bd-article > :not(section)").forEach(function (el) {
      if (el.tagName !== "SCRIPT") el.remove();
    });
    top.querySelectorAll("a[href]").forEach(function (a) {
      var url = new URL(a.getAttribute("href"), location.href);
      if (url.origin !== location.origin) return;  // a link out of the site stays
      var id = decodeURIComponent(url.hash.slice(1));
      var target = id && document.getElementById(id);
      if (url.pathname !== location.pathname || !target || !top.contains(target)) {
        a.replaceWith.apply(a, Array.from(a.childNodes));
      }
    });
    return exercises.length;
  };

  // A display formula wider than the printed column would lose its right end (on screen it
  // scrolls; paper cannot): each such formula is set in a smaller size that fits. Returns the
  // scales applied (1 for none), so that a print can report how far a formula was shrunk.
  window.qbpFitMath = function () {
    var scales = [];
    document.querySelectorAll('.bd-content mjx-container[display="true"]').forEach(function (m) {
      if (m.offsetParent === null || m.scrollWidth <= m.clientWidth + 1) return;
      var scale = Math.floor(100 * m.clientWidth / m.scrollWidth) / 100;
      m.style.fontSize = Math.round(100 * scale * parseFloat(getComputedStyle(m).fontSize) /
        parseFloat(getComputedStyle(m.parentElement).fontSize)) + "%";
      m.classList.add("qbp-fitted");
      scales.push(scale);
    });
    return scales;
  };
  window.addEventListener("beforeprint", function () { window.qbpFitMath(); });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("mjx-container.qbp-fitted").forEach(function (m) {
      m.style.fontSize = "";
      m.classList.remove("qbp-fitted");
    });
  });

  window.qbpWrapCode = function () {
    var broken = 0;
    document.querySelectorAll(".bd-content div.highlight pre").forEach(function (pre) {
      if (pre.offsetParent !== null) broken += wrapPre(pre);
    });
    return broken;
  };
})();
