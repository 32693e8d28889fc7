using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pinn.Host.Manifests;
using Pinn.Host.Plugins;
using Pinn.Host.Training;

namespace Pinn.Host.Benchmarks;

/// <summary>
/// <c>pinn bench serve</c>: starts <c>pinn serve</c> as its own process on loopback with two poisson2d networks
/// (2→64→64→1 and 5 × 100), sends requests of 1, 100 and 10 000 points from 1, 8 and 64 concurrent clients for a fixed
/// time each, and reports throughput and latency percentiles; then a soak at 64 clients whose server memory (VmRSS) is
/// read every few seconds. Client and server share the machine's cores, as they would on a workstation.
/// </summary>
internal sealed class ServeBenchmark(PluginCatalog catalog, string directory, int threads)
{
    /// <summary>One case: a network, a request size and a number of clients.</summary>
    public sealed record Row(string Network, long ParameterCount, int Points, int Clients, double Seconds, long Requests, long Errors,
                             double RequestsPerSecond, double PointsPerSecond, double P50Milliseconds, double P99Milliseconds);

    /// <summary>The soak: server memory at its start, its end and its peak, in MiB.</summary>
    public sealed record Soak(string Network, int Clients, int Points, double Seconds, long Requests, long Errors, double StartMebibytes,
                              double EndMebibytes, double PeakMebibytes);

    private static readonly (string Name, int[] Hidden)[] Networks = [("2-64-64-1", [64, 64]), ("5x100", [100, 100, 100, 100, 100])];

    public (IReadOnlyList<Row> Rows, Soak Soak) Run(double secondsPerCase, double soakSeconds, Action<string> progress)
    {
        var folders = Networks.Select(n => Train(n.Name, n.Hidden)).ToArray();
        using var server = StartServer(folders);
        var url = server.Url;
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(url),
            Timeout = TimeSpan.FromMinutes(2),
        };
        var rows = new List<Row>();
        for (var n = 0; n < Networks.Length; n++)
        {
            var parameters = ParameterCount(Networks[n].Hidden);
            foreach (var points in new[] { 1, 100, 10_000 })
            foreach (var clients in new[] { 1, 8, 64 })
            {
                progress($"{Networks[n].Name}: {points} points, {clients} clients, {secondsPerCase:F0} s");
                var (requests, errors, latencies, seconds) = Load(client, Networks[n].Name, points, clients, secondsPerCase);
                rows.Add(new Row(Networks[n].Name, parameters, points, clients, seconds, requests, errors, requests / seconds, requests * (double)points / seconds,
                                 Percentile(latencies, 0.5), Percentile(latencies, 0.99)));
            }
        }
        progress($"soak: {Networks[0].Name}, 100 points, 64 clients, {soakSeconds:F0} s");
        var start = server.ResidentMebibytes();
        var peak = start;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, server.ResidentMebibytes());
                try { await Task.Delay(1000, sampling.Token); } catch (TaskCanceledException) { }
            }
        });
        var soak = Load(client, Networks[0].Name, 100, 64, soakSeconds);
        sampling.Cancel();
        sampler.Wait();
        var end = server.ResidentMebibytes();
        return (rows, new Soak(Networks[0].Name, 64, 100, soak.Seconds, soak.Requests, soak.Errors, start, end, Math.Max(peak, end)));
    }

    /// <summary>A poisson2d network of the given widths after one Adam step: what is served does not need to be accurate.</summary>
    private string Train(string name, int[] hidden)
    {
        var folder = Path.Combine(directory, name);
        Directory.CreateDirectory(folder);
        var manifest = $$"""
            { "name": "{{name}}", "seed": 0, "dtype": "float64", "threads": {{threads}},
              "problem": { "name": "poisson2d" },
              "model": { "hidden": [{{string.Join(", ", hidden)}}], "activation": "tanh" },
              "engine": { "name": "autodiff" },
              "sampler": { "name": "lhs", "points": { "interior": 16, "boundary": 8 } },
              "optimizer": { "name": "adam" },
              "budget": { "steps": 1 },
              "evaluation": { "every": 1, "points": 16 } }
            """;
        var plan = ManifestValidator.ValidateText(manifest, $"{name}.json", catalog, Path.Combine(directory, "cache"));
        new TrainingRun(plan, folder).Execute(CancellationToken.None, _ => { });
        return folder;
    }

    private static long ParameterCount(int[] hidden)
    {
        var widths = new[] { 2 }.Concat(hidden).Append(1).ToArray();
        return widths.Zip(widths.Skip(1), (a, b) => (long)a * b + b).Sum();
    }

    /// <summary>Runs <paramref name="clients"/> loops posting requests of <paramref name="points"/> random points for
    /// <paramref name="seconds"/>; returns the requests answered, those that failed, every latency (ms) and the time taken.</summary>
    private static (long Requests, long Errors, List<double> Latencies, double Seconds) Load(HttpClient client, string model, int points, int clients, double seconds)
    {
        var bodies = Enumerable.Range(0, clients).Select(c => Body(points, c)).ToArray();
        var latencies = new List<double>[clients];
        var errors = new long[clients];
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            latencies[c] = [];
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                var started = Stopwatch.GetTimestamp();
                using var content = new ByteArrayContent(bodies[c]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                try
                {
                    using var response = await client.PostAsync($"/models/{model}/predict", content);
                    await response.Content.ReadAsByteArrayAsync();
                    if (!response.IsSuccessStatusCode) errors[c]++;
                }
                catch (HttpRequestException)
                {
                    errors[c]++;
                }
                latencies[c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })).ToArray();
        Task.WaitAll(tasks);
        var all = latencies.SelectMany(l => l).ToList();
        return (all.Count, errors.Sum(), all, clock.Elapsed.TotalSeconds);
    }

    private static byte[] Body(int points, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("{\"points\":[");
        for (var i = 0; i < points; i++)
        {
            if (i > 0) text.Append(',');
            text.Append('[').Append(random.NextDouble().ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(random.NextDouble().ToString("R", CultureInfo.InvariantCulture)).Append(']');
        }
        return Encoding.UTF8.GetBytes(text.Append("]}").ToString());
    }

    private static double Percentile(List<double> values, double q)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(q * sorted.Length))];
    }

    private ServerProcess StartServer(string[] folders) => new(folders, threads);

    /// <summary>A <c>pinn serve</c> process of this same host on a free loopback port.</summary>
    private sealed class ServerProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        public ServerProcess(string[] folders, int threads)
        {
            var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            // Under `dotnet Pinn.Host.dll` the process is dotnet: pass the host assembly first.
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") info.ArgumentList.Add(typeof(ServeBenchmark).Assembly.Location);
            foreach (var a in new[] { "serve" }.Concat(folders).Concat(["--port", "0", "--max-points", "10000"])) info.ArgumentList.Add(a);
            info.Environment["OMP_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
            _process = Process.Start(info)!;
            _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
            _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (true)
            {
                string text;
                lock (_output) text = _output.ToString();
                if (Regex.Match(text, @"GET (http://[^ ]+)/health") is { Success: true } m)
                {
                    Url = m.Groups[1].Value;
                    break;
                }
                if (_process.HasExited || DateTime.UtcNow > deadline)
                    throw new InvalidOperationException($"pinn serve did not start:\n{text}");
                Thread.Sleep(100);
            }
        }

        public string Url { get; } = "";

        /// <summary>The server's resident memory (VmRSS of /proc/PID/status) in MiB.</summary>
        public double ResidentMebibytes()
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            return double.NaN;
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }

    public static void WriteJson(string file, IReadOnlyList<Row> rows, Soak soak)
        => AtomicFile.WriteAllText(file, JsonSerializer.Serialize(new { rows, soak }, ReadableJson.Options(JsonNamingPolicy.CamelCase)));
}
