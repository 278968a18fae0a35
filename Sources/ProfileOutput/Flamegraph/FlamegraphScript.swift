/// The style sheet and script embedded in every flamegraph, so the file works offline and alone.
///
/// The script finds everything through attributes the renderer writes: the `#frames` group carries
/// `fg:total` (samples), `fg:width` and `fg:xpad` (pixels); each frame is a `<g>` holding a `<title>`
/// (`label (N samples, P%)`), a `<rect>` with `fg:x`/`fg:w` (start and width in samples) and a `<text>`.
/// `Layout.characterWidth` and `Layout.minimumWidth` must agree with `FlamegraphSVG`.
enum FlamegraphScript {
    static let style = """
        text { font-family: monospace; font-size: 12px; fill: rgb(0,0,0); }
        #title { text-anchor: middle; font-size: 17px; }
        #search, #matched { text-anchor: end; }
        #search, #unzoom { cursor: pointer; }
        #frames > g { cursor: pointer; }
        #frames rect { rx: 2px; ry: 2px; }
        #frames > g:hover > rect { stroke: rgb(0,0,0); stroke-width: 0.5; }
        #frames text { pointer-events: none; }
        .hide { display: none; }
        .parent { opacity: 0.5; }
        """

    /// Click a frame to zoom into it (its ancestors stay, dimmed, across the full width); "Reset Zoom" or
    /// clicking `all` zooms out. "Search" (or Ctrl-F / F3) asks for a regular expression, paints matching
    /// frames magenta and shows what share of all samples they cover, counting nested matches once; Escape
    /// or "Reset Search" clears it.
    static let script = """
        "use strict";
        var frames, details, matched, unzoomButton, searchButton;
        var total = 0, areaWidth = 0, xPad = 0, charWidth = \(FlamegraphSVG.Layout.characterWidth);
        var minWidth = \(FlamegraphSVG.Layout.minimumWidth), searchTerm = null;

        function init() {
          frames = document.getElementById("frames");
          details = document.getElementById("details");
          matched = document.getElementById("matched");
          unzoomButton = document.getElementById("unzoom");
          searchButton = document.getElementById("search");
          total = num(frames, "fg:total");
          areaWidth = num(frames, "fg:width");
          xPad = num(frames, "fg:xpad");
          frames.addEventListener("click", function (e) {
            var g = frameOf(e.target);
            if (g) { zoom(g); }
          });
          frames.addEventListener("mouseover", function (e) {
            var g = frameOf(e.target);
            if (g) { details.textContent = "Function: " + part(g, "title").textContent; }
          });
          frames.addEventListener("mouseout", function () { details.textContent = " "; });
          unzoomButton.addEventListener("click", unzoom);
          searchButton.addEventListener("click", function () {
            if (searchTerm === null) { askSearch(); } else { resetSearch(); }
          });
          window.addEventListener("keydown", function (e) {
            if (e.key === "F3" || ((e.ctrlKey || e.metaKey) && (e.key === "f" || e.key === "F"))) {
              e.preventDefault();
              askSearch();
            } else if (e.key === "Escape") {
              resetSearch();
            }
          });
        }

        function num(element, name) { return parseFloat(element.getAttribute(name)); }
        function part(g, tag) { return g.getElementsByTagName(tag)[0]; }
        function eachFrame(action) {
          var list = frames.getElementsByTagName("g");
          for (var i = 0; i < list.length; i++) { action(list[i]); }
        }
        function frameOf(node) {
          while (node && node.parentNode !== frames) { node = node.parentNode; }
          return node || null;
        }
        function labelOf(g) {
          var title = part(g, "title").textContent, cut = title.lastIndexOf(" (");
          return cut < 0 ? title : title.substring(0, cut);
        }
        function place(g, x, width) {
          var rect = part(g, "rect"), text = part(g, "text"), label = labelOf(g);
          var fit = Math.floor((width - 6) / charWidth);
          rect.setAttribute("x", x.toFixed(2));
          rect.setAttribute("width", width.toFixed(2));
          text.setAttribute("x", (x + 3).toFixed(2));
          text.textContent = fit < 3 ? "" : (label.length <= fit ? label : label.substring(0, fit - 2) + "..");
        }
        function show(g, visible, dimmed) {
          g.classList.toggle("hide", !visible);
          g.classList.toggle("parent", dimmed);
        }

        function zoom(target) {
          var zr = part(target, "rect"), zx = num(zr, "fg:x"), zw = num(zr, "fg:w"), zy = num(zr, "y");
          if (zw >= total) { unzoom(); return; }
          unzoomButton.classList.remove("hide");
          eachFrame(function (g) {
            var r = part(g, "rect"), x = num(r, "fg:x"), w = num(r, "fg:w"), y = num(r, "y");
            if (y < zy) {
              var ancestor = x <= zx && x + w >= zx + zw;
              show(g, ancestor, true);
              if (ancestor) { place(g, xPad, areaWidth); }
            } else if (x >= zx && x + w <= zx + zw && w / zw * areaWidth >= minWidth) {
              show(g, true, false);
              place(g, xPad + (x - zx) / zw * areaWidth, w / zw * areaWidth);
            } else {
              show(g, false, false);
            }
          });
        }

        function unzoom() {
          unzoomButton.classList.add("hide");
          eachFrame(function (g) {
            var r = part(g, "rect");
            show(g, true, false);
            place(g, xPad + num(r, "fg:x") / total * areaWidth, num(r, "fg:w") / total * areaWidth);
          });
        }

        function askSearch() {
          var term = window.prompt("Search frames (regular expression):", searchTerm === null ? "" : searchTerm);
          if (term) { search(term); }
        }

        function search(term) {
          var pattern = null, ranges = [], covered = 0, end = -1;
          try { pattern = new RegExp(term); } catch (error) { pattern = null; }
          eachFrame(function (g) {
            var r = part(g, "rect"), label = labelOf(g);
            if (r.originalFill === undefined) { r.originalFill = r.getAttribute("fill"); }
            if (pattern ? pattern.test(label) : label.indexOf(term) >= 0) {
              r.setAttribute("fill", "rgb(230,0,230)");
              ranges.push([num(r, "fg:x"), num(r, "fg:x") + num(r, "fg:w")]);
            } else {
              r.setAttribute("fill", r.originalFill);
            }
          });
          ranges.sort(function (a, b) { return a[0] - b[0]; });
          ranges.forEach(function (range) {
            if (range[1] > end) { covered += range[1] - Math.max(range[0], end); end = range[1]; }
          });
          searchTerm = term;
          searchButton.textContent = "Reset Search";
          matched.textContent = "Matched: " + (total > 0 ? covered / total * 100 : 0).toFixed(2) + "%";
          matched.classList.remove("hide");
        }

        function resetSearch() {
          if (searchTerm === null) { return; }
          eachFrame(function (g) {
            var r = part(g, "rect");
            if (r.originalFill !== undefined) { r.setAttribute("fill", r.originalFill); }
          });
          searchTerm = null;
          searchButton.textContent = "Search";
          matched.classList.add("hide");
        }
        """
}
