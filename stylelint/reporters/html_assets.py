"""The inline stylesheet and script of the HTML report (no network: nothing is fetched).

The script filters cards by status and rule and shows only the selected rule's overlay. It
reads data attributes that the reporter wrote (escaped) and never evaluates report strings.
When it has run it sets `data-ready="1"` on <html>, which the browser test checks.
"""

from __future__ import annotations

CSS = """
:root { --pass:#1a7f37; --warn:#b7791f; --fail:#cf222e; --error:#8250df; --ink:#1f2328;
        --muted:#656d76; --line:#d0d7de; --bg:#f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
       color: var(--ink); background: var(--bg); }
header { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line);
         padding: 12px 20px; display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: center; }
header h1 { font-size: 18px; margin: 0; }
.summary { color: var(--muted); }
.filters { display: flex; gap: 12px; align-items: center; margin-left: auto; flex-wrap: wrap; }
.filters label { display: inline-flex; gap: 4px; align-items: center; cursor: pointer; }
.filters select { font: inherit; padding: 2px 6px; }
main { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 16px;
       padding: 20px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; overflow: hidden;
        border-top: 4px solid var(--line); }
.card[data-status=pass] { border-top-color: var(--pass); }
.card[data-status=warn] { border-top-color: var(--warn); }
.card[data-status=fail] { border-top-color: var(--fail); }
.card[data-status=error] { border-top-color: var(--error); }
.card[hidden] { display: none; }
.frame { position: relative; background: #222; line-height: 0; }
.frame img { width: 100%; height: auto; display: block; }
.frame svg.overlay { position: absolute; inset: 0; width: 100%; height: 100%; pointer-events: none; }
.frame svg.overlay[hidden] { display: none; }
.noimg { height: 160px; display: flex; align-items: center; justify-content: center;
         color: #aaa; line-height: 1.4; padding: 12px; text-align: center; }
.body { padding: 10px 12px 12px; }
.path { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12.5px;
        word-break: break-all; margin: 0 0 6px; }
.badge { display: inline-block; font-size: 11px; font-weight: 600; text-transform: uppercase;
         letter-spacing: .04em; padding: 1px 7px; border-radius: 10px; color: #fff; }
.badge.pass { background: var(--pass); } .badge.warn { background: var(--warn); }
.badge.fail { background: var(--fail); } .badge.error { background: var(--error); }
ul.findings { list-style: none; margin: 8px 0 0; padding: 0; }
ul.findings li { padding: 6px 0; border-top: 1px solid #eee; font-size: 13px; }
.rule { font-weight: 600; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
.sev { font-size: 11px; padding: 0 5px; border-radius: 4px; margin-left: 4px; border: 1px solid; }
.sev.error { color: var(--fail); } .sev.warning { color: var(--warn); } .sev.info { color: var(--muted); }
.li-suppressed { opacity: .6; }
.detail { color: var(--muted); font-size: 12px; }
.swatches { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: center; margin-top: 4px;
            font-size: 11.5px; }
.swatches b { font-weight: 600; color: var(--muted); min-width: 56px; }
.swatch { display: inline-flex; align-items: center; gap: 4px; font-family: ui-monospace, monospace; }
.swatch.off { color: var(--fail); font-weight: 600; }
.swatch i { width: 16px; height: 16px; border-radius: 3px; border: 1px solid rgba(0,0,0,.25);
            display: inline-block; }
details { margin-top: 6px; font-size: 12px; color: var(--muted); }
body.no-evidence svg.overlay { display: none; }
.empty { grid-column: 1 / -1; text-align: center; color: var(--muted); padding: 40px; }
"""

JS = """
(function () {
  var cards = Array.prototype.slice.call(document.querySelectorAll('.card'));
  var ruleSelect = document.getElementById('rule-filter');
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-status-filter]'));
  var empty = document.getElementById('no-match');
  function apply() {
    var statuses = boxes.filter(function (b) { return b.checked; })
                        .map(function (b) { return b.getAttribute('data-status-filter'); });
    var rule = ruleSelect.value;
    var shown = 0;
    cards.forEach(function (card) {
      var rules = JSON.parse(card.getAttribute('data-rules'));
      var ok = statuses.indexOf(card.getAttribute('data-status')) >= 0 &&
               (rule === '' || rules.indexOf(rule) >= 0);
      card.hidden = !ok;
      if (ok) { shown += 1; }
      card.querySelectorAll('svg.overlay').forEach(function (svg) {
        svg.hidden = rule !== '' && svg.getAttribute('data-rule') !== rule;
      });
    });
    empty.hidden = shown > 0;
    document.documentElement.setAttribute('data-shown', String(shown));
  }
  var evidence = document.getElementById('evidence-toggle');
  evidence.addEventListener('change', function () {
    document.body.classList.toggle('no-evidence', !evidence.checked);
  });
  ruleSelect.addEventListener('change', apply);
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  apply();
  document.documentElement.setAttribute('data-ready', '1');
})();
"""
