using System.Globalization;
using System.Reflection;
using System.Text;
using Extractor.Cleanup;
using Extractor.Core;
using Extractor.Export;
using Extractor.Extraction;

namespace Extractor.Report;

/// <summary>Options for the review pages.</summary>
public sealed record ReportOptions
{
    /// <summary>OCR words below this confidence (0..100) are marked on the page view.</summary>
    public float LowConfidence { get; init; } = 60;
    /// <summary>
    /// The image file of a page (1-based), or null when it is not known; it is embedded as a data: URI. The default
    /// knows one case: a single-page document read from an image file is its own page image.
    /// </summary>
    public Func<SourceDocument, int, string?> PageImage { get; init; } = DefaultPageImage;
    /// <summary>Larger page images are not embedded (the boxes are drawn on a blank page instead).</summary>
    public long MaxImageBytes { get; init; } = 25 * 1024 * 1024;

    public static readonly ReportOptions Default = new();

    /// <summary>
    /// The page's image file when the input was read from image files: an image file is its own page 1, a folder of
    /// page images (--pages-folder) holds page N as its N-th image in name order. Null for PDFs and TIFFs (browsers
    /// do not show TIFF) and when anything does not line up.
    /// </summary>
    public static string? DefaultPageImage(SourceDocument source, int page)
    {
        string path = source.SourcePath;
        if (File.Exists(path))
            return page == 1 && ImageFiles.MimeType(path) is not null ? path : null;
        if (!Directory.Exists(path)) return null;
        var pages = FolderPages(path);
        if (page < 1 || page > pages.Count) return null;
        var p = pages[page - 1];
        return p.TiffIndex == 0 && ImageFiles.MimeType(p.Path) is not null ? p.Path : null;
    }

    // The folder reader's own page order, TIFF pages expanded, so page numbers match what was recognised.
    private static List<Ocr.ImagePage> FolderPages(string folder) =>
        Ingest.Images.PageFolderReader.PageFiles(folder).SelectMany(Ocr.PageImages.PagesOf).ToList();
}

/// <summary>
/// One self-contained HTML review page per document (inline CSS and script, no network): the cleaned text with
/// corrections and suggestions highlighted and entities coloured by type, the tables rebuilt from trial arms and
/// table outcomes, every extracted row in a table per kind linked both ways to its evidence in the text, and for
/// scanned inputs the OCR word boxes over the page. Every piece of document text is HTML-escaped.
/// </summary>
public sealed class HtmlReport(ReportOptions? options = null)
{
    public static readonly HtmlReport Instance = new();
    private readonly ReportOptions _options = options ?? ReportOptions.Default;

    /// <summary>The kinds of rows shown, in page order: file name stem (= anchor prefix), heading, entity class.</summary>
    public static readonly (string Kind, string Title, string EntityClass)[] Kinds =
    [
        ("medications", "Medications", "ent-med"),
        ("trial_arms", "Trial arms", "ent-med"),
        ("outcomes", "Outcomes", "ent-outcome"),
        ("adverse_events", "Adverse events", "ent-ae"),
        ("staging", "Staging", "ent-stage"),
        ("findings", "Findings", "ent-finding"),
    ];

    /// <summary>Writes OUT/report/&lt;document_id&gt;.html (temporary file, then rename) and returns its path.</summary>
    public string Write(DocumentResult result, string reportDirectory)
    {
        Directory.CreateDirectory(reportDirectory);
        string path = SafeFile(reportDirectory, Html.IdPart(result.Info.DocumentId is { Length: > 0 } id ? id : result.Source.DocumentId) + ".html");
        WriteAtomic(path, Render(result));
        return path;
    }

    public string Render(DocumentResult r)
    {
        var page = new PageBuilder(r, _options);
        return page.Build();
    }

    internal static string SafeFile(string directory, string fileName)
    {
        string dir = Path.GetFullPath(directory);
        string full = Path.GetFullPath(Path.Combine(dir, Path.GetFileName(fileName)));
        if (!full.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal)) throw new IOException($"report path escapes the report folder: {fileName}");
        return full;
    }

    internal static void WriteAtomic(string path, string content)
    {
        // Hidden temporary name beside the target: a killed run leaves the old page or the new one, never half of one.
        string temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp");
        File.WriteAllText(temp, content, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }

    // One annotation over the cleaned text: a correction mark or an entity link. Fragments are re-opened at every
    // boundary so overlapping annotations still nest properly; only the first fragment carries the element id.
    private sealed class Annotation
    {
        public int Start, End, Seq;
        public bool IsLink;          // entity: <a href=#row> (a <span data-href> when inside another link)
        public string Css = "";
        public string Id = "";       // element id of the first fragment
        public string Href = "";     // row it links back to
        public string Attributes = ""; // extra escaped attributes (title, data-*)
        public bool Opened;
    }

    private sealed class PageBuilder(DocumentResult r, ReportOptions options)
    {
        private readonly StringBuilder _sb = new(r.Cleanup.Text.Length * 3 + 16384);
        private readonly List<Annotation> _annotations = [];
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
        private readonly HashSet<string> _anchorsInText = new(StringComparer.Ordinal);
        // Row anchor ids per kind, by row index.
        private readonly Dictionary<string, string[]> _rowIds = new();
        private string[] _correctionIds = [];
        private int _seq;

        private string Text => r.Cleanup.Text;

        public string Build()
        {
            CollectAnnotations();
            var info = r.Info;
            string id = info.DocumentId is { Length: > 0 } d ? d : r.Source.DocumentId;
            _sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
            _sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
            _sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n");
            _sb.Append("<title>Review: ").Append(Html.Escape(id)).Append("</title>\n<style>").Append(Assets.Css).Append("</style></head>\n<body>\n");
            Header(id);
            TextSection();
            TablesSection();
            foreach (var (kind, title, _) in Kinds) RowsSection(kind, title);
            CorrectionsSection();
            PagesSection();
            _sb.Append("<div id=\"pop\" role=\"dialog\" hidden></div>\n<script>").Append(Assets.Script).Append("</script>\n</body></html>\n");
            return _sb.ToString();
        }

        // ---- annotations -------------------------------------------------------------------------------------

        private void CollectAnnotations()
        {
            var corrections = r.Cleanup.Corrections;
            _correctionIds = new string[corrections.Count];
            for (int i = 0; i < corrections.Count; i++)
            {
                var c = corrections[i];
                string rowId = Unique($"corrections-{i + 1}");
                _correctionIds[i] = rowId;
                var (s, e) = r.Cleanup.Map.ToEdited(c.Start, c.End);
                if (!ValidSpan(s, e, allowEmpty: true)) continue;
                string title = c.Applied
                    ? $"{c.Kind}: “{c.Original}” → “{c.Corrected}” (confidence {Conf(c.Confidence)})"
                    : $"suggestion ({c.Kind}): “{c.Original}” → “{c.Corrected}” (confidence {Conf(c.Confidence)}, not applied)";
                var attrs = new StringBuilder();
                Attr(attrs, "title", title);
                Attr(attrs, "data-row", rowId);
                Attr(attrs, "data-original", c.Original);
                Attr(attrs, "data-corrected", c.Corrected);
                Attr(attrs, "data-kind", c.Kind);
                Attr(attrs, "data-confidence", Conf(c.Confidence));
                Attr(attrs, "data-applied", c.Applied ? "true" : "false");
                if (c.Reason.Length > 0) Attr(attrs, "data-reason", c.Reason);
                _annotations.Add(new Annotation
                {
                    Start = s, End = e, Seq = _seq++, IsLink = false,
                    Css = "corr " + (c.Applied ? "applied" : "suggested") + (s == e ? " empty" : ""),
                    Id = Unique("corr-" + (i + 1)), Href = rowId, Attributes = attrs.ToString(),
                });
            }
            AddEntities("medications", r.Medications, m => $"{m.Drug} {m.DoseValue} {m.DoseUnit} {m.Frequency}", m => m.MentionId);
            AddEntities("trial_arms", r.TrialArms, a => $"{a.Study} {a.Year}: {a.Drug} {a.DoseValue} {a.DoseUnit} {a.Frequency}", _ => "");
            AddEntities("outcomes", r.Outcomes, o => $"{o.Measure} {o.Value} {o.Unit}", _ => "");
            AddEntities("adverse_events", r.AdverseEvents, a => $"{a.Event} grade {a.Grade}{(a.Negated ? " (negated)" : "")}", _ => "");
            AddEntities("staging", r.Staging, s => $"{s.Tnm} {s.Sites}", _ => "");
            AddEntities("findings", r.Findings, f => $"{f.Field}: {f.Name} {f.Value} {f.Unit}", _ => "");
        }

        private void AddEntities<T>(string kind, IReadOnlyList<T> rows, Func<T, string> label, Func<T, string> naturalId)
        {
            var ids = new string[rows.Count];
            string entityClass = Kinds.First(k => k.Kind == kind).EntityClass;
            for (int i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                string own = naturalId(row);
                string rowId = Unique($"{kind}-{Html.IdPart(own.Length > 0 ? own : (i + 1).ToString(CultureInfo.InvariantCulture))}");
                ids[i] = rowId;
                var (s, e) = SpanOf(row);
                if (!ValidSpan(s, e, allowEmpty: false)) continue;
                var attrs = new StringBuilder();
                Attr(attrs, "title", $"{kind}: {Squash(label(row))}");
                _annotations.Add(new Annotation
                {
                    Start = s, End = e, Seq = _seq++, IsLink = true, Css = "ent " + entityClass,
                    Id = "ev-" + rowId, Href = rowId, Attributes = attrs.ToString(),
                });
                _anchorsInText.Add("ev-" + rowId);
            }
            _rowIds[kind] = ids;
        }

        private static (int, int) SpanOf<T>(T row) => row switch
        {
            Medication m => (m.Start, m.End),
            TrialArm a => (a.Start, a.End),
            Outcome o => (o.Start, o.End),
            AdverseEvent a => (a.Start, a.End),
            Staging s => (s.Start, s.End),
            Finding f => (f.Start, f.End),
            _ => (0, 0),
        };

        private bool ValidSpan(int s, int e, bool allowEmpty) => s >= 0 && e <= Text.Length && (allowEmpty ? e >= s : e > s);

        private string Unique(string id)
        {
            string u = id;
            for (int n = 2; !_ids.Add(u); n++) u = $"{id}-{n}";
            return u;
        }

        // ---- sections ----------------------------------------------------------------------------------------

        private void Header(string id)
        {
            var info = r.Info;
            _sb.Append("<header><h1>").Append(Html.Escape(info.Title is { Length: > 0 } t ? t : id)).Append("</h1>\n<dl class=\"meta\">");
            Meta("document", id);
            Meta("source", info.SourcePath is { Length: > 0 } p ? p : r.Source.SourcePath);
            if (info.Journal.Length > 0) Meta("journal", $"{info.Journal} {info.Volume} : {info.FirstPage}-{info.LastPage}, {info.Year}".Trim());
            Meta("pages", r.Source.Pages.ToString(CultureInfo.InvariantCulture));
            Meta("encoding", r.Source.Encoding);
            int applied = r.Cleanup.Corrections.Count(c => c.Applied);
            Meta("corrections", $"{applied} applied, {r.Cleanup.Corrections.Count - applied} suggested");
            _sb.Append("</dl>\n<nav><a href=\"#text\">text</a>");
            if (r.TrialArms.Count + r.Outcomes.Count(o => o.TableId.Length > 0) > 0) _sb.Append(" <a href=\"#tables\">tables</a>");
            foreach (var (kind, title, _) in Kinds)
                _sb.Append(" <a href=\"#rows-").Append(kind).Append("\">").Append(title.ToLowerInvariant()).Append(" (").Append(_rowIds[kind].Length).Append(")</a>");
            _sb.Append(" <a href=\"#rows-corrections\">corrections (").Append(r.Cleanup.Corrections.Count).Append(")</a>");
            if (r.Source.Words.Count > 0) _sb.Append(" <a href=\"#pages\">page images</a>");
            _sb.Append("</nav>\n<p class=\"legend\"><mark class=\"corr applied\">applied correction</mark> <mark class=\"corr suggested\">suggestion (not applied)</mark> ");
            _sb.Append("<span class=\"ent ent-med\">medication</span> <span class=\"ent ent-ae\">adverse event</span> <span class=\"ent ent-stage\">staging</span> ");
            _sb.Append("<span class=\"ent ent-finding\">finding</span> <span class=\"ent ent-outcome\">outcome</span> · hover or click a highlight for details; click a row's link to see its evidence.</p></header>\n");
        }

        private void Meta(string name, string value) =>
            _sb.Append("<dt>").Append(name).Append("</dt><dd>").Append(Html.Escape(value)).Append("</dd>");

        private void TextSection()
        {
            _sb.Append("<section id=\"text\"><h2>Cleaned text</h2>\n<pre class=\"doc\">");
            var text = Text;
            // Boundaries of every annotation; zero-length ones (deletions) are emitted as empty marks at their position.
            var bounds = new SortedSet<int> { 0, text.Length };
            foreach (var a in _annotations) { bounds.Add(a.Start); bounds.Add(a.End); }
            var byStart = _annotations.Where(a => a.End > a.Start).OrderBy(a => a.Start).ThenByDescending(a => a.End).ThenBy(a => a.Seq).ToList();
            var empties = _annotations.Where(a => a.End == a.Start).GroupBy(a => a.Start).ToDictionary(g => g.Key, g => g.ToList());
            var stack = new List<Annotation>();
            var active = new List<Annotation>();
            int next = 0, page = 1;
            int[] points = bounds.ToArray();
            for (int bi = 0; bi < points.Length; bi++)
            {
                int at = points[bi];
                active.RemoveAll(a => a.End <= at);
                while (next < byStart.Count && byStart[next].Start <= at) { if (byStart[next].End > at) active.Add(byStart[next]); next++; }
                // Keep the common prefix open, close the rest, open what is missing (order = start, longest first).
                var wanted = active.OrderBy(a => a.Start).ThenByDescending(a => a.End).ThenBy(a => a.Seq).ToList();
                int keep = 0;
                while (keep < stack.Count && keep < wanted.Count && ReferenceEquals(stack[keep], wanted[keep])) keep++;
                for (int k = stack.Count - 1; k >= keep; k--) Close(stack[k]);
                stack.RemoveRange(keep, stack.Count - keep);
                if (empties.TryGetValue(at, out var marks))
                    foreach (var m in marks) { Open(m, insideLink: stack.Any(s => s.IsLink)); Close(m); }
                for (int k = keep; k < wanted.Count; k++) { Open(wanted[k], insideLink: stack.Any(s => s.IsLink)); stack.Add(wanted[k]); }
                if (bi + 1 < points.Length) page = AppendText(text.AsSpan(at, points[bi + 1] - at), page);
            }
            for (int k = stack.Count - 1; k >= 0; k--) Close(stack[k]);
            _sb.Append("</pre></section>\n");
        }

        private readonly Dictionary<Annotation, bool> _asSpan = new();
        private HashSet<string> _marks = [];

        private void Open(Annotation a, bool insideLink)
        {
            string idAttr = a.Opened ? "" : $" id=\"{a.Id}\"";
            a.Opened = true;
            if (!a.IsLink)
                _sb.Append("<mark class=\"").Append(a.Css).Append('"').Append(idAttr).Append(a.Attributes).Append('>');
            else if (!insideLink)
                _sb.Append("<a class=\"").Append(a.Css).Append("\" href=\"#").Append(a.Href).Append('"').Append(idAttr).Append(a.Attributes).Append('>');
            else
                _sb.Append("<span class=\"").Append(a.Css).Append("\" data-href=\"#").Append(a.Href).Append('"').Append(idAttr).Append(a.Attributes).Append('>');
            _asSpan[a] = a.IsLink && insideLink;
        }

        private void Close(Annotation a) => _sb.Append(!a.IsLink ? "</mark>" : _asSpan[a] ? "</span>" : "</a>");

        // Text between boundaries; a form feed (page break) becomes a visible page separator.
        private int AppendText(ReadOnlySpan<char> span, int page)
        {
            int ff;
            while ((ff = span.IndexOf('\f')) >= 0)
            {
                Html.Append(_sb, span[..ff]);
                page++;
                _sb.Append("<span class=\"pagebreak\" data-page=\"").Append(page).Append("\"></span>");
                span = span[(ff + 1)..];
            }
            Html.Append(_sb, span);
            return page;
        }

        private void TablesSection()
        {
            var tableOutcomes = r.Outcomes.Select((o, i) => (o, i)).Where(x => x.o.TableId.Length > 0 || x.o.Source == "table").ToList();
            if (r.TrialArms.Count == 0 && tableOutcomes.Count == 0) return;
            _sb.Append("<section id=\"tables\"><h2>Tables as extracted</h2>\n");
            var tableIds = r.TrialArms.Select(a => a.TableId).Concat(tableOutcomes.Select(x => x.o.TableId)).Distinct().ToList();
            foreach (var tid in tableIds)
            {
                var arms = r.TrialArms.Select((a, i) => (a, i)).Where(x => x.a.TableId == tid).ToList();
                var outs = tableOutcomes.Where(x => x.o.TableId == tid).ToList();
                var rows = arms.Select(x => x.a.Row.ToString(CultureInfo.InvariantCulture)).Concat(outs.Select(x => x.o.Row)).Distinct()
                    .OrderBy(k => int.TryParse(k, out int n) ? n : int.MaxValue).ThenBy(k => k, StringComparer.Ordinal).ToList();
                string tableAnchor = Unique("table-" + Html.IdPart(tid.Length > 0 ? tid : "1"));
                _sb.Append("<table class=\"rebuilt\" id=\"").Append(tableAnchor).Append("\" data-table-id=\"").Append(Html.Escape(tid)).Append("\">\n<caption>table ")
                   .Append(Html.Escape(tid)).Append("</caption>\n<thead><tr><th>row</th><th>study</th><th>year</th><th>treatment</th><th>outcomes</th></tr></thead>\n<tbody>\n");
                foreach (var row in rows)
                {
                    var rowArms = arms.Where(x => x.a.Row.ToString(CultureInfo.InvariantCulture) == row).ToList();
                    var rowOuts = outs.Where(x => x.o.Row == row).ToList();
                    string study = rowArms.Select(x => x.a.Study).Concat(rowOuts.Select(x => x.o.Study)).FirstOrDefault(s => s.Length > 0) ?? "";
                    string year = rowArms.Select(x => x.a.Year).Concat(rowOuts.Select(x => x.o.Year)).FirstOrDefault(s => s.Length > 0) ?? "";
                    _sb.Append("<tr id=\"").Append(Unique($"{tableAnchor}-row-{Html.IdPart(row)}")).Append("\"><td>").Append(Html.Escape(row)).Append("</td><td>")
                       .Append(Html.Escape(study)).Append("</td><td>").Append(Html.Escape(year)).Append("</td><td>");
                    foreach (var (a, i) in rowArms)
                    {
                        string label = string.Join(' ', new[] { a.Arm.Length > 0 ? a.Arm + ":" : "", a.Drug, a.DoseValue, a.DoseUnit, a.Frequency }.Where(s => s.Length > 0));
                        Cell(_rowIds["trial_arms"][i], label);
                    }
                    _sb.Append("</td><td>");
                    foreach (var (o, i) in rowOuts)
                    {
                        string label = string.Join(' ', new[] { o.Arm.Length > 0 ? o.Arm + ":" : "", o.Measure, o.Value + o.Unit }.Where(s => s.Length > 0));
                        Cell(_rowIds["outcomes"][i], label);
                    }
                    _sb.Append("</td></tr>\n");
                }
                _sb.Append("</tbody></table>\n");
            }
            _sb.Append("</section>\n");
        }

        private void Cell(string rowId, string label) =>
            _sb.Append("<a class=\"cell\" href=\"#").Append(rowId).Append("\">").Append(Html.Escape(label)).Append("</a> ");

        private void RowsSection(string kind, string title)
        {
            IReadOnlyList<object> rows = kind switch
            {
                "medications" => r.Medications.Cast<object>().ToList(),
                "trial_arms" => r.TrialArms.Cast<object>().ToList(),
                "outcomes" => r.Outcomes.Cast<object>().ToList(),
                "adverse_events" => r.AdverseEvents.Cast<object>().ToList(),
                "staging" => r.Staging.Cast<object>().ToList(),
                _ => r.Findings.Cast<object>().ToList(),
            };
            Type type = kind switch
            {
                "medications" => typeof(Medication), "trial_arms" => typeof(TrialArm), "outcomes" => typeof(Outcome),
                "adverse_events" => typeof(AdverseEvent), "staging" => typeof(Staging), _ => typeof(Finding),
            };
            var props = Columns(type).Where(p => p.Name != nameof(Medication.DocumentId)).ToArray();
            _sb.Append("<section id=\"rows-").Append(kind).Append("\" class=\"rows\"><h2>").Append(title).Append(" <small>(").Append(rows.Count)
               .Append(" rows, ").Append(kind).Append(".csv)</small></h2>\n");
            if (rows.Count == 0) { _sb.Append("<p class=\"none\">none found</p></section>\n"); return; }
            _sb.Append("<div class=\"scroll\"><table class=\"rows\" data-kind=\"").Append(kind).Append("\">\n<thead><tr><th>evidence</th>");
            foreach (var p in props) _sb.Append("<th>").Append(CsvExport.SnakeCase(p.Name)).Append("</th>");
            _sb.Append("</tr></thead>\n<tbody>\n");
            for (int i = 0; i < rows.Count; i++)
            {
                string rowId = _rowIds[kind][i];
                _sb.Append("<tr id=\"").Append(rowId).Append("\"><td>");
                if (_anchorsInText.Contains("ev-" + rowId)) _sb.Append("<a href=\"#ev-").Append(rowId).Append("\">in text</a>");
                else _sb.Append("<span class=\"none\">no span</span>");
                _sb.Append("</td>");
                foreach (var p in props) _sb.Append(p.Name == "Evidence" ? "<td class=\"evidence\">" : "<td>").Append(Html.Escape(Format(p.GetValue(rows[i])))).Append("</td>");
                _sb.Append("</tr>\n");
            }
            _sb.Append("</tbody></table></div></section>\n");
        }

        private void CorrectionsSection()
        {
            var cs = r.Cleanup.Corrections;
            _marks = _annotations.Where(a => !a.IsLink).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            _sb.Append("<section id=\"rows-corrections\" class=\"rows\"><h2>Corrections <small>(").Append(cs.Count(c => c.Applied)).Append(" applied, ")
               .Append(cs.Count(c => !c.Applied)).Append(" suggested, corrections.csv)</small></h2>\n");
            if (cs.Count == 0) { _sb.Append("<p class=\"none\">none</p></section>\n"); return; }
            _sb.Append("<div class=\"scroll\"><table class=\"rows\" data-kind=\"corrections\">\n<thead><tr><th>in text</th><th>start</th><th>end</th><th>original</th><th>corrected</th>")
               .Append("<th>kind</th><th>confidence</th><th>applied</th><th>page</th><th>reason</th></tr></thead>\n<tbody>\n");
            for (int i = 0; i < cs.Count; i++)
            {
                var c = cs[i];
                string markId = "corr-" + (i + 1);
                _sb.Append("<tr id=\"").Append(_correctionIds[i]).Append("\" class=\"").Append(c.Applied ? "applied" : "suggested").Append("\"><td>");
                if (_marks.Contains(markId)) _sb.Append("<a href=\"#").Append(markId).Append("\">show</a>");
                _sb.Append("</td><td>").Append(c.Start).Append("</td><td>").Append(c.End).Append("</td><td>").Append(Html.Escape(Visible(c.Original)))
                   .Append("</td><td>").Append(Html.Escape(Visible(c.Corrected))).Append("</td><td>").Append(Html.Escape(c.Kind)).Append("</td><td>")
                   .Append(Conf(c.Confidence)).Append("</td><td>").Append(c.Applied ? "true" : "false").Append("</td><td>").Append(r.Source.PageAt(c.Start))
                   .Append("</td><td>").Append(Html.Escape(c.Reason)).Append("</td></tr>\n");
            }
            _sb.Append("</tbody></table></div></section>\n");
        }

        // OCR words over the page image (embedded as a data: URI when its file is known) or over a blank page.
        private void PagesSection()
        {
            var words = r.Source.Words;
            if (words.Count == 0) return;
            _sb.Append("<section id=\"pages\"><h2>Page images and OCR words <small>(boxes below confidence ")
               .Append(options.LowConfidence.ToString("0", CultureInfo.InvariantCulture)).Append(" are marked)</small></h2>\n");
            foreach (var group in words.GroupBy(w => w.Page).OrderBy(g => g.Key))
            {
                int pageNo = group.Key;
                string? imagePath = null;
                try { imagePath = options.PageImage(r.Source, pageNo); } catch (Exception) { imagePath = null; }
                byte[]? image = null;
                string? mime = null;
                (int W, int H)? size = null;
                if (imagePath is not null && File.Exists(imagePath) && new FileInfo(imagePath).Length <= options.MaxImageBytes
                    && (mime = ImageFiles.MimeType(imagePath)) is not null)
                {
                    image = File.ReadAllBytes(imagePath);
                    size = ImageFiles.Size(image);
                    if (size is null) image = null;
                }
                // Canvas: the image's size, else the page size the reader recorded, else what the boxes span.
                var detail = r.Source.PageDetails.FirstOrDefault(p => p.Page == pageNo && p.Unit == "px" && p.Width > 0 && p.Height > 0);
                int w = size?.W ?? detail?.Width ?? Math.Max(1, group.Max(x => x.Box.Right) + 20);
                int h = size?.H ?? detail?.Height ?? Math.Max(1, group.Max(x => x.Box.Bottom) + 20);
                int low = group.Count(x => x.Confidence < options.LowConfidence);
                _sb.Append("<figure class=\"page\" id=\"page-").Append(pageNo).Append("\"><figcaption>page ").Append(pageNo).Append(": ").Append(group.Count())
                   .Append(" words, ").Append(low).Append(" below confidence").Append(image is null ? " (page image not available: boxes on a blank page)" : "").Append("</figcaption>\n");
                _sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(w).Append(' ').Append(h).Append("\" width=\"100%\" style=\"max-width:")
                   .Append(Math.Min(w, 1100)).Append("px\">");
                if (image is not null)
                    _sb.Append("<image x=\"0\" y=\"0\" width=\"").Append(w).Append("\" height=\"").Append(h).Append("\" href=\"data:").Append(mime).Append(";base64,")
                       .Append(Convert.ToBase64String(image)).Append("\"/>");
                else
                    _sb.Append("<rect class=\"blank\" x=\"0\" y=\"0\" width=\"").Append(w).Append("\" height=\"").Append(h).Append("\"/>");
                foreach (var word in group)
                {
                    bool isLow = word.Confidence < options.LowConfidence;
                    var b = word.Box;
                    _sb.Append("<rect class=\"word").Append(isLow ? " low" : "").Append("\" x=\"").Append(b.Left).Append("\" y=\"").Append(b.Top).Append("\" width=\"")
                       .Append(Math.Max(1, b.Width)).Append("\" height=\"").Append(Math.Max(1, b.Height)).Append("\"><title>")
                       .Append(Html.Escape($"{word.Text} (confidence {word.Confidence.ToString("0", CultureInfo.InvariantCulture)})")).Append("</title></rect>");
                    if (image is null)
                        _sb.Append("<text class=\"wt\" x=\"").Append(b.Left).Append("\" y=\"").Append(b.Bottom - Math.Max(1, b.Height / 5)).Append("\" font-size=\"")
                           .Append(Math.Max(4, b.Height * 3 / 4)).Append("\">").Append(Html.Escape(word.Text)).Append("</text>");
                }
                _sb.Append("</svg></figure>\n");
            }
            _sb.Append("</section>\n");
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static readonly Dictionary<Type, PropertyInfo[]> ColumnCache = new();

    private static PropertyInfo[] Columns(Type type)
    {
        lock (ColumnCache)
        {
            if (!ColumnCache.TryGetValue(type, out var props))
                ColumnCache[type] = props = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).OrderBy(p => p.MetadataToken).ToArray();
            return props;
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        float f => f.ToString("0.###", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Conf(double c) => c.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Squash(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    // Line breaks and form feeds in a correction's original are shown as visible symbols in the table.
    private static string Visible(string s) => s.Replace("\n", "⏎").Replace("\f", "␌");

    private static void Attr(StringBuilder sb, string name, string value) =>
        sb.Append(' ').Append(name).Append("=\"").Append(Html.Escape(Visible(value))).Append('"');
}
