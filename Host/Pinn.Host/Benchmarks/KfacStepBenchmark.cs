using System.Globalization;
using System.Text.Json;
using Pinn.Host.Manifests;
using Pinn.Host.Plugins;
using Pinn.Host.Training;
using TorchSharp;

namespace Pinn.Host.Benchmarks;

/// <summary>
/// <c>pinn bench kfac-step</c>: the wall time of one step of adam, kfac, kfac-star and engd on poisson2d
/// (900 + 120 fixed points, forward-laplacian for every optimizer, float64) at D = 257 (2→64→1), 9873
/// (2→64→64→48→48→1) and 116097 (2→256→256→128→128→1), in one process, each optimizer's steps back to back,
/// with the process's peak resident memory during each run and the ratio of each median to Adam's at the same D.
/// </summary>
internal sealed class KfacStepBenchmark(PluginCatalog catalog, string outputRoot, int threads, IReadOnlyList<int[]>? networks = null,
                                        IReadOnlyList<string>? optimizers = null)
{
    /// <summary>The networks measured by default, smallest first.</summary>
    public static IReadOnlyList<int[]> DefaultNetworks { get; } = [[64], [64, 64, 48, 48], [256, 256, 128, 128]];

    private readonly IReadOnlyList<int[]> _networks = networks ?? DefaultNetworks;

    /// <summary>The optimizers measured by default, in order, by the names <c>--optimizers</c> takes; Adam first (the
    /// reference of the ratios). <c>kfac-refresh10</c> is kfac with its factors and eigen-decompositions refreshed every
    /// 10 steps (the option for large layers): its median is the cost of the steps in between.</summary>
    public static IReadOnlyList<string> Optimizers { get; } = ["adam", "kfac", "kfac-refresh10", "kfac-star", "engd"];

    /// <summary>The row name of <c>kfac-refresh10</c>.</summary>
    public const string KfacRefresh10 = "kfac (refreshEvery 10)";

    private readonly IReadOnlyList<string> _optimizers = optimizers is null ? Optimizers : Optimizers.Where(optimizers.Contains).ToArray();

    /// <summary>Runs every network × optimizer for <paramref name="steps"/> steps (fewer for engd on the largest
    /// network: <paramref name="largeEngdSteps"/>), reporting progress lines.</summary>
    public IEnumerable<KfacStepMeasurement> Run(int steps, int largeEngdSteps, Action<string> progress)
    {
        torch.set_num_threads(threads);
        foreach (var hidden in _networks)
        {
            double? adamMedian = null;
            foreach (var key in _optimizers)
            {
                var optimizer = key == "kfac-refresh10" ? KfacRefresh10 : key;
                var count = optimizer == "engd" && hidden == _networks[^1] ? largeEngdSteps : steps;
                var name = $"{string.Join("-", hidden)}-{key}";
                var selection = key == "kfac-refresh10" ? """{ "name": "kfac", "options": { "refreshEvery": 10 } }""" : $$"""{ "name": "{{optimizer}}" }""";
                var directory = Path.Combine(outputRoot, name);
                var manifest = $$"""
                    { "name": "kfac-step-{{name}}", "seed": 0, "device": "cpu", "dtype": "float64", "threads": {{threads}},
                      "problem": { "name": "poisson2d" },
                      "model": { "hidden": [{{string.Join(", ", hidden)}}], "activation": "tanh", "init": "fan-in-uniform" },
                      "engine": { "name": "forward-laplacian" },
                      "sampler": { "name": "uniform", "points": { "interior": 900, "boundary": 120 }, "resampleEvery": 0 },
                      "optimizer": {{selection}},
                      "budget": { "steps": {{count}} },
                      "evaluation": { "every": 1000000, "points": 100 } }
                    """;
                var plan = ManifestValidator.ValidateText(manifest, name + ".json", catalog, Path.Combine(outputRoot, ".cache"));
                GC.Collect();
                var start = PeakMemory.Reset() ? PeakMemory.ResidentMebibytes() : null;
                progress($"{name}: {count} steps");
                var summary = new TrainingRun(plan, directory).Execute(CancellationToken.None, text => progress($"{name}: {text}"));
                var peak = start is null ? null : PeakMemory.PeakMebibytes();
                var (min, max) = Spread(Path.Combine(directory, "metrics.csv"));
                if (optimizer == "adam") adamMedian = summary.MillisecondsPerStep;
                yield return new KfacStepMeasurement(string.Join("-", hidden), summary.ParameterCount, optimizer, summary.Steps,
                                                     summary.MillisecondsPerStep, min, max, adamMedian is { } a ? summary.MillisecondsPerStep / a : null,
                                                     peak, peak - start);
            }
        }
    }

    /// <summary>Fastest and slowest step after the first two, from metrics.csv's cumulative seconds (ms).</summary>
    private static (double Min, double Max) Spread(string metrics)
    {
        var seconds = File.ReadLines(metrics).Skip(1).Select(l => double.Parse(l.Split(',')[3], CultureInfo.InvariantCulture)).ToArray();
        var steps = seconds.Zip(seconds.Skip(1), (a, b) => 1000 * (b - a)).Skip(1).ToArray();
        return steps.Length == 0 ? (double.NaN, double.NaN) : (steps.Min(), steps.Max());
    }

    /// <summary>Writes the rows as JSON.</summary>
    public static void WriteJson(string file, IEnumerable<KfacStepMeasurement> rows)
        => AtomicFile.WriteAllText(file, JsonSerializer.Serialize(rows, ReadableJson.Options(JsonNamingPolicy.CamelCase)));
}
