namespace Extractor.Report;

/// <summary>The inline style sheet and script of the review pages (no network: everything is in the page).</summary>
internal static class Assets
{
    public const string Css = """
        :root{--med:#cfe3ff;--ae:#ffd0d0;--stage:#e7d4ff;--finding:#d3f2d3;--outcome:#ffe2b8;--applied:#fff176;--suggested:#ff7043}
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1200px;padding:0 16px 60px;color:#1d1d1d;background:#fafafa}
        h1{font-size:1.4em;margin:.8em 0 .3em}h2{font-size:1.15em;margin:1.6em 0 .4em;border-bottom:1px solid #ccc}small{color:#666;font-weight:normal}
        dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}dt{color:#666}dd{margin:0}
        nav{margin:.6em 0;display:flex;flex-wrap:wrap;gap:4px 12px}.legend{font-size:.9em;color:#444}
        pre.doc{white-space:pre-wrap;word-wrap:break-word;background:#fff;border:1px solid #ddd;padding:14px;font:14px/1.6 ui-monospace,Menlo,Consolas,monospace}
        mark.corr{background:none;color:inherit;cursor:pointer}
        mark.corr.applied{background:var(--applied);border-bottom:2px solid #c9a800}
        mark.corr.suggested{outline:1.5px dashed var(--suggested);outline-offset:1px}
        mark.corr.empty::after{content:"\2038";color:#c9a800;font-weight:bold}
        mark.corr.suggested.empty::after{color:var(--suggested)}
        .ent{color:inherit;text-decoration:none;border-radius:2px;padding:0 1px;cursor:pointer}
        .ent-med{background:var(--med)}.ent-ae{background:var(--ae)}.ent-stage{background:var(--stage)}.ent-finding{background:var(--finding)}.ent-outcome{background:var(--outcome)}
        .pagebreak{display:block;border-top:2px dashed #999;margin:10px 0;height:0}
        .pagebreak::after{content:"page " attr(data-page);position:relative;top:-.8em;background:#fff;color:#777;font-size:.8em;padding:0 6px}
        :target{outline:3px solid #1e88e5;outline-offset:2px}
        tr:target td{background:#e3f2fd}
        table{border-collapse:collapse;background:#fff;font-size:.9em}th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
        th{background:#f0f0f0}caption{text-align:left;font-weight:bold;padding:4px 0}
        table.rebuilt{margin-bottom:14px}a.cell{display:block}
        .scroll{overflow-x:auto}table.rows td{max-width:22em;overflow-wrap:anywhere}table.rows td.evidence{min-width:26em;max-width:40em;font-size:.85em;color:#333}tr.suggested td{color:#8a3b1d}.none{color:#888}
        figure.page{margin:10px 0}svg rect.blank{fill:#fff;stroke:#bbb}
        svg rect.word{fill:rgba(30,136,229,.08);stroke:#1e88e5;stroke-width:1}svg rect.word.low{fill:rgba(229,57,53,.22);stroke:#e53935;stroke-width:2}
        svg text.wt{fill:#333;font-family:sans-serif}
        #pop{position:fixed;z-index:10;max-width:420px;background:#fff;border:1px solid #888;box-shadow:0 4px 16px rgba(0,0,0,.25);padding:8px 10px;font-size:.9em}
        #pop dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:0 0 6px}#pop dd{margin:0;white-space:pre-wrap}
        """;

    // Click on a correction: a box with original, correction, kind, confidence and a link to its row (built with
    // textContent only, so nothing from the document is parsed as HTML). Nested entity links use data-href.
    public const string Script = """
        (function(){
          var pop=document.getElementById('pop');
          function row(dl,k,v){if(v===null||v===undefined||v==='')return;var dt=document.createElement('dt');dt.textContent=k;var dd=document.createElement('dd');dd.textContent=v;dl.appendChild(dt);dl.appendChild(dd);}
          function show(m,x,y){
            while(pop.firstChild)pop.removeChild(pop.firstChild);
            var h=document.createElement('strong');h.textContent=m.getAttribute('data-applied')==='true'?'Applied correction':'Suggestion (not applied)';pop.appendChild(h);
            var dl=document.createElement('dl');
            row(dl,'original',m.getAttribute('data-original'));row(dl,'corrected',m.getAttribute('data-corrected'));
            row(dl,'kind',m.getAttribute('data-kind'));row(dl,'confidence',m.getAttribute('data-confidence'));row(dl,'reason',m.getAttribute('data-reason'));
            pop.appendChild(dl);
            var a=document.createElement('a');a.href='#'+m.getAttribute('data-row');a.textContent='row in the corrections table';pop.appendChild(a);
            pop.hidden=false;
            pop.style.left=Math.max(4,Math.min(x+8,window.innerWidth-pop.offsetWidth-8))+'px';
            pop.style.top=Math.max(4,Math.min(y+12,window.innerHeight-pop.offsetHeight-8))+'px';
          }
          document.addEventListener('click',function(e){
            var t=e.target;if(!t||!t.closest)return;
            if(t.closest('#pop')){if(t.tagName==='A')pop.hidden=true;return;}
            var m=t.closest('mark.corr'),s=t.closest('[data-href]'),l=s||t.closest('a.ent');
            // The innermost highlight wins: an entity inside a correction goes to its row, a correction inside an entity opens its box.
            if(m&&!t.closest('.legend')&&!(l&&l!==m&&m.contains(l))){e.preventDefault();show(m,e.clientX,e.clientY);return;}
            pop.hidden=true;
            if(s){e.preventDefault();location.hash=s.getAttribute('data-href');}
          });
          document.addEventListener('keydown',function(e){if(e.key==='Escape')pop.hidden=true;});
        })();
        """;
}
