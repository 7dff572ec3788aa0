// Progress bars draw their width from data-percent: the Content Security Policy refuses style
// attributes in markup, but not styles set here. htmx.onLoad also sees each refreshed table.
(function () {
  "use strict";
  htmx.onLoad((root) => {
    root.querySelectorAll(".progress-bar[data-percent]").forEach((bar) => {
      bar.style.width = `${Number(bar.dataset.percent)}%`;
    });
  });
})();
