using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Extractor.Tests.Report;

/// <summary>
/// A page open in headless Chromium, driven over the DevTools protocol (a WebSocket, no extra package): evaluate
/// script in the page and click with real mouse events at an element's centre, as a reviewer would.
/// </summary>
internal sealed class HeadlessPage : IDisposable
{
    private readonly Process _process;
    private readonly ClientWebSocket _socket = new();
    private int _nextId;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private HeadlessPage(Process process) => _process = process;

    public static HeadlessPage Open(string browser, string url, string profileDir, int width = 1280, int height = 900)
    {
        Directory.CreateDirectory(profileDir);
        string portFile = Path.Combine(profileDir, "DevToolsActivePort");
        File.Delete(portFile);
        var psi = new ProcessStartInfo(browser) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
                     "--remote-debugging-port=0", "--remote-allow-origins=*", $"--user-data-dir={profileDir}", $"--window-size={width},{height}", url })
            psi.ArgumentList.Add(a);
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var page = new HeadlessPage(process);
        try
        {
            var clock = Stopwatch.StartNew();
            int port = 0;
            while (port == 0)
            {
                if (process.HasExited) throw new InvalidOperationException($"chromium exited with {process.ExitCode} before opening its DevTools port");
                if (clock.Elapsed > Patience) throw new TimeoutException("chromium did not open its DevTools port");
                try { if (File.Exists(portFile) && int.TryParse(File.ReadLines(portFile).FirstOrDefault(), out int p)) port = p; } catch (IOException) { }
                if (port == 0) Thread.Sleep(50);
            }
            using var http = new HttpClient { Timeout = Patience };
            string? ws = null;
            while (ws is null)
            {
                if (clock.Elapsed > Patience) throw new TimeoutException("chromium listed no page");
                var targets = JsonNode.Parse(http.GetStringAsync($"http://127.0.0.1:{port}/json/list").GetAwaiter().GetResult())!.AsArray();
                ws = targets.FirstOrDefault(t => (string?)t!["type"] == "page")?["webSocketDebuggerUrl"]?.GetValue<string>();
                if (ws is null) Thread.Sleep(50);
            }
            page._socket.ConnectAsync(new Uri(ws), CancellationToken.None).GetAwaiter().GetResult();
            // The first document may still be about:blank: wait for ours, loaded.
            while (!page.Loaded(url))
            {
                if (clock.Elapsed > Patience) throw new TimeoutException("the page did not load");
                Thread.Sleep(50);
            }
            return page;
        }
        catch
        {
            page.Dispose();
            throw;
        }
    }

    private bool Loaded(string url)
    {
        try { return Evaluate("location.href + ' ' + document.readyState").GetString() == url + " complete"; }
        catch (InvalidOperationException) { return false; } // the context went away while navigating
    }

    /// <summary>Runs <paramref name="expression"/> in the page and returns its value (JSON).</summary>
    public JsonElement Evaluate(string expression)
    {
        var result = Send("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result.TryGetProperty("exceptionDetails", out var ex)) throw new InvalidOperationException("script failed: " + ex);
        return result.GetProperty("result").TryGetProperty("value", out var v) ? v.Clone() : default;
    }

    /// <summary>
    /// Scrolls the element into view, then presses and releases the left button over it (or only moves there), at
    /// the first point where the element itself is hit and not a descendant matching <paramref name="avoid"/>.
    /// Returns false when there is no such point.
    /// </summary>
    public bool Click(string selector, string? avoid = null, bool hoverOnly = false)
    {
        var box = Evaluate($$"""
            (function(){var e=document.querySelector({{JsonSerializer.Serialize(selector)}});if(!e)return null;
            e.scrollIntoView({block:'center'});var avoid={{JsonSerializer.Serialize(avoid)}};
            var rects=e.getClientRects();
            for(var i=0;i<rects.length;i++){var r=rects[i],y=r.top+r.height/2;
              for(var x=r.left+1;x<r.right;x+=2){var h=document.elementFromPoint(x,y);if(!h||!e.contains(h))continue;
                var a=avoid&&h.closest(avoid);if(a&&a!==e&&e.contains(a))continue;return [x,y];}
            }
            return false;})()
            """);
        if (box.ValueKind == JsonValueKind.Null) throw new InvalidOperationException($"no element {selector}");
        if (box.ValueKind != JsonValueKind.Array) return false;
        double x = box[0].GetDouble(), y = box[1].GetDouble();
        Mouse("mouseMoved", x, y);
        if (hoverOnly) return true;
        Mouse("mousePressed", x, y);
        Mouse("mouseReleased", x, y);
        return true;
    }

    private void Mouse(string type, double x, double y) =>
        Send("Input.dispatchMouseEvent", new JsonObject { ["type"] = type, ["x"] = x, ["y"] = y, ["button"] = type == "mouseMoved" ? "none" : "left", ["clickCount"] = 1 });

    private JsonElement Send(string method, JsonObject parameters)
    {
        int id = ++_nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        using var cts = new CancellationTokenSource(Patience);
        _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cts.Token).GetAwaiter().GetResult();
        var buffer = new byte[1 << 16];
        while (true)
        {
            using var ms = new MemoryStream();
            WebSocketReceiveResult r;
            do
            {
                r = _socket.ReceiveAsync(buffer, cts.Token).GetAwaiter().GetResult();
                ms.Write(buffer, 0, r.Count);
            } while (!r.EndOfMessage);
            using var doc = JsonDocument.Parse(ms.ToArray());
            if (!doc.RootElement.TryGetProperty("id", out var got) || got.GetInt32() != id) continue; // an event
            if (doc.RootElement.TryGetProperty("error", out var error)) throw new InvalidOperationException($"{method}: {error}");
            return doc.RootElement.GetProperty("result").Clone();
        }
    }

    public void Dispose()
    {
        try { _socket.Dispose(); } catch (ObjectDisposedException) { }
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); } catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
