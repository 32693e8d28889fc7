using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pinn.Host.Plugins;
using Pinn.Host.Sweeps;
using Pinn.Host.Training;

namespace Pinn.Host.Benchmarks;

/// <summary>
/// <c>pinn bench sweep</c>: the same sweep of short runs (one manifest, one seed each) run back to back with all the
/// cores each (1 worker, <c>threads</c> = cores) and by one worker per core (<c>threads</c> = 1 each), repeated with the
/// order alternating; the wall time of each whole sweep, process start-up included, and their ratio.
/// </summary>
internal sealed class SweepBenchmark(PluginCatalog catalog, string directory, string baseManifest, int runs)
{
    /// <summary>One repetition: the two wall times and parallel / back to back.</summary>
    public sealed record Repetition(int Index, double BackToBackSeconds, double ParallelSeconds, double Ratio);

    public IReadOnlyList<Repetition> Run(int repetitions, Action<string> progress)
    {
        var cores = Environment.ProcessorCount;
        Directory.CreateDirectory(directory);
        var sweepFile = Path.Combine(directory, "sweep.json");
        AtomicFile.WriteAllText(sweepFile, new JsonObject
        {
            ["base"] = Path.GetFullPath(baseManifest),
            ["grid"] = new JsonObject { ["seed"] = new JsonArray(Enumerable.Range(0, runs).Select(i => (JsonNode)i).ToArray()) },
        }.ToJsonString());
        var spec = SweepReader.Read(sweepFile);
        var result = new List<Repetition>();
        for (var i = 0; i < repetitions; i++)
        {
            double Time(int workers)
            {
                var variants = SweepPlanner.Plan(spec, catalog, Path.Combine(directory, "cache"), cores / workers);
                var folder = new SweepFolder(Path.Combine(directory, $"r{i}-{workers}-workers"));
                folder.Write(spec, variants);
                var clock = Stopwatch.StartNew();
                var complete = new SweepRunner(folder, variants, workers, TextWriter.Null).Run(CancellationToken.None);
                var seconds = clock.Elapsed.TotalSeconds;
                if (!complete) throw new InvalidOperationException($"a run of {folder.Root} failed (see its logs/)");
                progress($"repetition {i + 1}: {runs} runs with {workers} worker{(workers == 1 ? "" : "s")} × {cores / workers} threads: {seconds:F1} s");
                return seconds;
            }
            // Alternate which goes first, so that a slow phase of the machine does not always hit the same one.
            double backToBack, parallel;
            if (i % 2 == 0) { backToBack = Time(1); parallel = Time(cores); }
            else { parallel = Time(cores); backToBack = Time(1); }
            result.Add(new Repetition(i + 1, backToBack, parallel, parallel / backToBack));
        }
        return result;
    }

    public static void WriteJson(string file, string manifest, int runs, IReadOnlyList<Repetition> rows)
    {
        var ratios = rows.Select(r => r.Ratio).Order().ToArray();
        var json = new
        {
            manifest, runs, cores = Environment.ProcessorCount,
            medianRatio = ratios[ratios.Length / 2], minRatio = ratios[0], maxRatio = ratios[^1], repetitions = rows,
        };
        AtomicFile.WriteAllText(file, JsonSerializer.Serialize(json, ReadableJson.Options(JsonNamingPolicy.CamelCase)) + "\n");
    }
}
