package io.virtbench.report;

/** The HTML page's style sheet and scripts, inline so that the page loads nothing. */
final class HtmlAssets {
    private HtmlAssets() {
    }

    /**
     * Readable from a 390 px phone to print: wide tables scroll inside their own box (the page
     * never does), charts shrink to the width, and print shows everything unfolded.
     */
    static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 1.5em auto; max-width: 62em;
                   padding: 0 1em; color: #222; line-height: 1.4; }
            h1 { margin-bottom: 0.2em; }
            h3 { margin-bottom: 0.2em; }
            .meta { color: #555; font-size: 0.9em; margin-top: 0.2em; }
            .none { color: #888; font-style: italic; }
            .note { font-size: 0.9em; color: #444; }
            .warning { background: #fff3cd; border-left: 4px solid #e0a800; padding: 0.4em 0.7em; margin: 0.3em 0;
                       overflow-wrap: anywhere; }
            .scroll { overflow-x: auto; max-width: 100%; }
            table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
            th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; white-space: nowrap; }
            td.src { white-space: normal; overflow-wrap: anywhere; min-width: 12em; font-size: 0.85em; }
            thead th { border-bottom: 2px solid #999; }
            td.num, tfoot td { text-align: right; font-variant-numeric: tabular-nums; }
            tfoot th, tfoot td { border-top: 2px solid #999; font-weight: bold; }
            tr.outlier td { color: #a00; }
            .scores td.s4 { background: #c9e8c1; } .scores td.s3 { background: #dcefd3; }
            .scores td.s2 { background: #f3efc6; } .scores td.s1 { background: #f6dcc2; }
            .scores td.s0 { background: #f1c4c4; } .scores td.sn { color: #999; }
            figure.chart { margin: 0.5em 0; }
            figure.chart svg { max-width: 100%; height: auto; display: block; }
            figcaption { text-align: right; }
            button.dl { font-size: 0.8em; }
            .hosts li, .explain li { overflow-wrap: anywhere; }
            section { margin-bottom: 2em; }
            footer { color: #888; font-size: 0.8em; margin-top: 3em; }
            @media (max-width: 600px) { body { padding: 0 0.5em; } h1 { font-size: 1.5em; } }
            @media print {
              body { max-width: none; margin: 0; font-size: 10pt; }
              button.dl { display: none; }
              figure.chart, table { break-inside: avoid; }
              .scroll { overflow: visible; }
              details > *:not(summary) { display: block; }
            }
            """;

    /** First thing on the page: remember script errors and console errors. */
    static final String ERROR_CAPTURE = """
            window.virtbenchErrors = [];
            window.addEventListener('error', function (e) { window.virtbenchErrors.push('error: ' + (e.message || e.type)); }, true);
            window.addEventListener('unhandledrejection', function (e) { window.virtbenchErrors.push('rejection: ' + e.reason); });
            (function () {
              var original = console.error;
              console.error = function () {
                window.virtbenchErrors.push('console.error: ' + Array.prototype.join.call(arguments, ' '));
                if (original) { original.apply(console, arguments); }
              };
            })();
            """;

    /** "Download SVG": the chart's inline SVG as a file, made in the browser (nothing is fetched). */
    static final String DOWNLOAD = """
            document.querySelectorAll('button.dl').forEach(function (button) {
              button.addEventListener('click', function () {
                var svg = button.closest('figure').querySelector('svg');
                var text = new XMLSerializer().serializeToString(svg);
                var url = URL.createObjectURL(new Blob([text], {type: 'image/svg+xml'}));
                var a = document.createElement('a');
                a.href = url;
                a.download = button.getAttribute('data-file');
                document.body.appendChild(a);
                a.click();
                a.remove();
                setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
              });
            });
            """;

    /**
     * Last thing on the page: is every chart there and visible, with its download button; does
     * anything stick out of the window sideways (tables scroll in their own box); how large is
     * the smallest chart text as shown (its font size times the chart's scale) and the smallest
     * body text?
     */
    static final String SELF_CHECK = """
            (function () {
              var figures = document.querySelectorAll('figure.chart');
              var visible = 0, problems = [];
              for (var i = 0; i < figures.length; i++) {
                var svg = figures[i].querySelector('svg');
                if (!svg) { problems.push(figures[i].getAttribute('data-feature') + ': no svg'); continue; }
                var box = svg.getBoundingClientRect();
                var style = window.getComputedStyle(svg);
                var drawn = svg.querySelectorAll('rect, path, line, text').length;
                if (box.width > 50 && box.height > 50 && style.display !== 'none' && style.visibility !== 'hidden' && drawn > 10) {
                  visible++;
                  figures[i].setAttribute('data-visible', Math.round(box.width) + 'x' + Math.round(box.height));
                } else {
                  problems.push(figures[i].getAttribute('data-feature') + ': not visible (' + Math.round(box.width) + 'x'
                    + Math.round(box.height) + ', ' + drawn + ' shapes)');
                }
              }
              var root = document.documentElement;
              var width = window.innerWidth;
              var wide = [];
              document.querySelectorAll('body *').forEach(function (e) {
                if (e.closest('.scroll') || e.closest('svg')) { return; }
                var b = e.getBoundingClientRect();
                if (b.width > 0 && b.right > width + 1) { wide.push(e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')); }
              });
              var chartFont = 1000;
              document.querySelectorAll('figure.chart svg').forEach(function (svg) {
                var scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                svg.querySelectorAll('text').forEach(function (t) {
                  var size = parseFloat(window.getComputedStyle(t).fontSize);
                  if (size > 0 && t.textContent.trim() !== '') { chartFont = Math.min(chartFont, size * scale); }
                });
              });
              var textFont = 1000;
              document.querySelectorAll('p, li, td, th, summary').forEach(function (e) {
                textFont = Math.min(textFont, parseFloat(window.getComputedStyle(e).fontSize));
              });
              root.setAttribute('data-viewport', String(width));
              root.setAttribute('data-overflow', String(Math.max(0, document.documentElement.scrollWidth - width)));
              root.setAttribute('data-wide', wide.slice(0, 5).join(' '));
              root.setAttribute('data-chart-font', chartFont.toFixed(1));
              root.setAttribute('data-text-font', textFont.toFixed(1));
              root.setAttribute('data-downloads', String(document.querySelectorAll('figure.chart button.dl').length));
              root.setAttribute('data-charts', String(figures.length));
              root.setAttribute('data-charts-visible', String(visible));
              root.setAttribute('data-errors', String(window.virtbenchErrors.length));
              var all = problems.concat(window.virtbenchErrors);
              root.setAttribute('data-virtbench-check', all.length === 0 ? 'ok' : 'failed: ' + all.join('; '));
            })();
            """;
}
