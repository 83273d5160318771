"""The report's one stylesheet and one script, inlined into every page.

The script renders on demand what a long report holds back: a source's
highlighted text, the next page of a long list, further charts. Each of these
is HTML that Python built and escaped, kept as a JSON string in a
``<script type="application/json">`` block (which the browser does not parse
as markup until asked), so a page of 1,000 sources opens as fast as a page of
ten. The claim panel writes with ``textContent`` only.
"""

CSS = """
html{print-color-adjust:exact;-webkit-print-color-adjust:exact}
body{font-family:Georgia,'Times New Roman',serif;margin:0;color:#1d1d1d;background:#fbfaf7;line-height:1.5}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 1.2rem}
header{padding-top:1rem}h1{font-size:1.6rem;margin:.2rem 0}
h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:1.6rem}
.coverage{margin:.2rem 0;color:#333}
nav{font-family:sans-serif;font-size:.9rem}nav a{margin-right:1rem}
dl.counts{display:flex;flex-wrap:wrap;gap:.4rem;margin:.5rem 0;font-family:sans-serif}
dl.counts div{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.2rem .6rem}
dl.counts dt{font-size:.75rem;color:#555}dl.counts dd{margin:0;font-size:1.1rem;font-weight:bold}
ol.findings{list-style:none;padding:0;margin:0}
li.finding{background:#fff;border:1px solid #ddd;border-left:6px solid #999;border-radius:6px;padding:.6rem .9rem;margin:.6rem 0}
li.finding[data-status=conflict]{border-left-color:#c0392b}
li.finding[data-status=scope_differs]{border-left-color:#e67e22}
li.finding[data-status=agree]{border-left-color:#27ae60}
.badge{font-family:sans-serif;font-size:.8rem;font-weight:bold;text-transform:uppercase;letter-spacing:.03em;color:#555}
p.plain{font-size:1.05rem;margin:.2rem 0 .5rem}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:.8rem}
blockquote.side{margin:0;padding:.4rem .6rem;background:#faf8f2;border-radius:4px;font-size:.92rem}
blockquote.side cite{display:block;font-style:normal;font-family:sans-serif;font-size:.8rem;color:#555}
.read-as,.jump{font-family:sans-serif;font-size:.8rem;color:#555}
mark{background:#fff3b0;padding:0 .1em}
mark[data-status=conflict]{background:#f8c9c4}
mark[data-status=scope_differs]{background:#fde0c2}
mark[data-status=agree]{background:#d4efdf}
mark.claim{cursor:pointer;border-bottom:2px solid #999}
mark.claim[data-status=conflict]{border-color:#c0392b}
mark.claim[data-status=scope_differs]{border-color:#e67e22}
mark.claim[data-status=agree]{border-color:#27ae60}
mark.claim.kind-date{background:#e8eef8;border-color:#7f8fa6}
mark.claim:focus,mark.claim.target{outline:2px solid #2c3e50}
details.fold{margin:.8rem 0}details.fold>summary{cursor:pointer;font-family:sans-serif;font-weight:bold}
details.fold>summary small{font-weight:normal;color:#555}
button.more{font-family:sans-serif;margin:.4rem 0}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.9rem}
th,td{border:1px solid #ddd;padding:.35rem .5rem;vertical-align:top;text-align:left}
.legend{font-family:sans-serif;font-size:.85rem}.legend span{margin-right:.8rem;padding:0 .3rem}
article.source{margin:.5rem 0}article.source>details>summary{cursor:pointer;font-family:sans-serif}
article.source>details>summary small{color:#555}
dl.meta{font-family:sans-serif;font-size:.8rem;display:grid;grid-template-columns:max-content 1fr;gap:0 .8rem}
dl.meta dt{color:#555}dl.meta dd{margin:0}
.source-text{white-space:pre-wrap;background:#fff;border:1px solid #ddd;padding:1rem;border-radius:6px}
.source-text:empty{display:none}
figure.estimates-chart{background:#fff;border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:.5rem}
figure.estimates-chart svg{width:100%;height:auto}
figcaption{font-family:sans-serif;font-size:.9rem}
#frame-panel{position:fixed;right:1rem;top:1rem;width:22rem;max-height:80vh;overflow:auto;background:#fff;
 border:2px solid #2c3e50;border-radius:8px;padding:.8rem 1rem;box-shadow:0 4px 18px rgba(0,0,0,.2);font-family:sans-serif;font-size:.9rem}
#frame-panel dt{font-weight:bold;margin-top:.3rem}#frame-panel dd{margin-left:0}
#glossary dl{display:grid;grid-template-columns:14rem 1fr;gap:.2rem 1rem}#glossary dt{font-weight:bold}#glossary dd{margin:0}
@media (max-width:700px){.sides{grid-template-columns:1fr}}
@media print{#frame-panel,nav,button.more,.jump{display:none}details>summary{list-style:none}
 .source-text,li.finding,figure.estimates-chart{border-color:#bbb;break-inside:avoid}body{background:#fff}}
"""

JS = """
(function () {
  var claims = null;
  function data() {
    if (claims === null) { claims = JSON.parse(document.getElementById('claim-data').textContent); }
    return claims;
  }
  function fill(box) {
    var id = box.getAttribute('data-lazy');
    if (!id) { return; }
    box.removeAttribute('data-lazy');
    var block = document.getElementById(id);
    if (block) { box.insertAdjacentHTML('beforeend', JSON.parse(block.textContent)); }
  }
  function fillWithin(root) {
    if (root.hasAttribute && root.hasAttribute('data-lazy')) { fill(root); }
    root.querySelectorAll('[data-lazy]').forEach(fill);
  }
  document.querySelectorAll('details').forEach(function (d) {
    d.addEventListener('toggle', function () {
      if (!d.open) { return; }
      Array.prototype.forEach.call(d.children, function (c) { if (c.tagName !== 'SUMMARY') { fillWithin(c); } });
    });
  });
  document.addEventListener('click', function (ev) {
    var more = ev.target.closest('button.more');
    if (more) {
      var list = document.getElementById(more.getAttribute('data-target'));
      var pages = more.getAttribute('data-pages').split(' ');
      var next = pages.shift();
      var block = document.getElementById(next);
      list.insertAdjacentHTML('beforeend', JSON.parse(block.textContent));
      if (pages.length && pages[0]) { more.setAttribute('data-pages', pages.join(' ')); }
      else { more.remove(); }
      return;
    }
    var jump = ev.target.closest('a[data-claim]');
    if (jump) { ev.preventDefault(); reveal(jump.getAttribute('data-claim'), jump.getAttribute('data-source')); return; }
    var mark = ev.target.closest('mark.claim');
    if (mark) { show(mark); }
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && ev.target.matches && ev.target.matches('mark.claim')) { show(ev.target); }
  });
  function openSource(sourceId) {
    var article = document.getElementById('source-' + sourceId);
    if (!article) { return null; }
    var details = article.querySelector('details');
    if (details && !details.open) { details.open = true; }
    fillWithin(article);
    return article;
  }
  function reveal(claimId, sourceId) {
    var real = (data().alias || {})[claimId];
    if (real) { claimId = real; sourceId = data().claims[real].source_id; }  // a copy: marked in the first
    openSource(sourceId);
    var mark = document.getElementById('claim-' + claimId);
    if (!mark) { return; }
    document.querySelectorAll('mark.target').forEach(function (m) { m.classList.remove('target'); });
    mark.classList.add('target');
    mark.scrollIntoView({block: 'center'});
    mark.focus({preventScroll: true});
    if (location.hash !== '#claim-' + claimId) { history.replaceState(null, '', '#claim-' + claimId); }
    show(mark);
  }
  var panel = document.getElementById('frame-panel');
  function show(mark) {
    var id = mark.getAttribute('data-claim-id');
    var all = data();
    var item = all.claims[id];
    if (!item) { return; }
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    var close = document.createElement('button');
    close.type = 'button'; close.textContent = 'Close'; close.style.float = 'right';
    close.addEventListener('click', function () { panel.hidden = true; });
    panel.appendChild(close);
    var h = document.createElement('h3');
    h.textContent = '\\u201c' + item.text + '\\u201d';
    panel.appendChild(h);
    var from = document.createElement('p');
    from.textContent = item.source;
    panel.appendChild(from);
    var dl = document.createElement('dl');
    item.fields.forEach(function (f) {
      var dt = document.createElement('dt'); dt.textContent = f[0];
      var dd = document.createElement('dd'); dd.textContent = f[1];
      dl.appendChild(dt); dl.appendChild(dd);
    });
    panel.appendChild(dl);
    var pairs = all.pairs[id] || [];
    if (pairs.length) {
      var p = document.createElement('p'); p.textContent = 'Compared with other figures: ';
      pairs.forEach(function (pid, i) {
        var a = document.createElement('a');
        a.href = '#pair-' + pid; a.textContent = (all.status[pid] || 'pair') + ' ' + (i + 1);
        a.addEventListener('click', function () { openPair(pid); });
        p.appendChild(a); p.appendChild(document.createTextNode(' '));
      });
      panel.appendChild(p);
    }
    panel.setAttribute('data-claim-id', id);
    panel.hidden = false;
  }
  function openPair(pid) {
    if (document.getElementById('pair-' + pid)) { return; }
    var where = data().where[pid];
    if (!where) { return; }
    var details = document.getElementById(where[0]);
    if (details && details.tagName === 'DETAILS') { details.open = true; fillWithin(details); }
    var list = document.getElementById(where[1]);
    var block = document.getElementById(where[2]);
    if (list && block && !block.hasAttribute('data-used')) {
      block.setAttribute('data-used', '1');
      list.insertAdjacentHTML('beforeend', JSON.parse(block.textContent));
      var button = document.querySelector('button.more[data-target="' + where[1] + '"]');
      if (button) {
        var rest = button.getAttribute('data-pages').split(' ').filter(function (x) { return x !== where[2]; });
        if (rest.length) { button.setAttribute('data-pages', rest.join(' ')); } else { button.remove(); }
      }
    }
  }
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; fillWithin(d); });
    document.querySelectorAll('button.more').forEach(function (b) { while (document.body.contains(b)) { b.click(); } });
  });
  if (location.hash.indexOf('#claim-') === 0) {
    var cid = location.hash.slice(7);
    cid = (data().alias || {})[cid] || cid;
    var src = (data().claims[cid] || {}).source_id;
    if (src) { reveal(cid, src); }
  } else if (location.hash.indexOf('#pair-') === 0) {
    openPair(location.hash.slice(6));
    var row = document.getElementById(location.hash.slice(1));
    if (row) { row.scrollIntoView(); }
  }
})();
"""
