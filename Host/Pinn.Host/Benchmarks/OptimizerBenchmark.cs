using System.Globalization;
using System.Text.Json;
using Pinn.Abstractions.Models;
using Pinn.Host.Training;
using TorchSharp;

namespace Pinn.Host.Benchmarks;

/// <summary>
/// <c>pinn bench optimizers</c>: trains manifests one after another with the seed and budgets they give
/// (the seconds budgets optionally scaled, the initialisation optionally varied), each through
/// <see cref="TrainingRun"/> into its own folder, and reads each run's summary.json and metrics.csv back.
/// </summary>
/// <param name="outputRoot">The folder that gets one folder per run.</param>
/// <param name="seconds">When set, every run's stages share this many seconds (see <see cref="RunPlanOverrides.WithTotalSeconds"/>).</param>
/// <param name="threads">Torch threads for runs whose manifest sets none.</param>
internal sealed class OptimizerBenchmark(string outputRoot, double? seconds, int threads)
{
    private static readonly string[] Problems = ["poisson2d", "heat1d"];
    private static readonly string[] Optimizers = ["adam", "lbfgs", "engd", "engd-layerwise", "anagram", "levenberg-marquardt", "hessian-free"];

    /// <summary>What runs when no manifest is named: every optimizer on every problem, and Adam then L-BFGS.
    /// Files of this list that do not exist (yet) are skipped.</summary>
    public static IReadOnlyList<string> DefaultManifests { get; } =
    [
        .. Problems.SelectMany(p => Optimizers.Select(o => $"manifests/{p}-{o}.json")),
        "manifests/poisson2d-adam-lbfgs.json",
    ];

    /// <summary><c>--suite kfac</c>: the KFAC paper's problems at D ≈ 10⁴ with every optimizer it compares, and
    /// poisson100d at D ≈ 1.3·10⁶ with adam and kfac (manifests/kfac/).</summary>
    public static IReadOnlyList<string> KfacSuite { get; } =
    [
        .. new[] { "poisson2d", "heat4d", "poisson5d", "poisson10d" }
            .SelectMany(p => new[] { "adam", "lbfgs", "hessian-free", "engd", "kfac", "kfac-star" }.Select(o => $"manifests/kfac/{p}-{o}.json")),
        "manifests/kfac/poisson100d-adam.json",
        "manifests/kfac/poisson100d-kfac.json",
    ];

    /// <summary>The accuracies whose time to reach is reported, with their names in tables and JSON.</summary>
    public static IReadOnlyList<(string Name, double Value)> Thresholds { get; } = [("1e-4", 1e-4), ("1e-6", 1e-6), ("1e-8", 1e-8)];

    /// <summary>Runs every case in order; <paramref name="progress"/> gets each run's progress lines. A run that
    /// throws is reported to <paramref name="warn"/> and left out; the others go on.</summary>
    public IEnumerable<OptimizerBenchmarkResult> Run(IReadOnlyList<OptimizerBenchmarkCase> cases, Action<string> progress, Action<string> warn)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in cases)
        {
            var plan = c.Plan;
            if (c.Init is { } init) plan = RunPlanOverrides.WithInit(plan, init);
            if (seconds is { } s) plan = RunPlanOverrides.WithTotalSeconds(plan, s);
            plan = RunPlanOverrides.WithThreads(plan, threads);
            var directory = Path.Combine(outputRoot, FolderName(c, used));
            progress($"{c.Label}: starting ({directory})");
            try
            {
                new TrainingRun(plan, directory).Execute(CancellationToken.None, text => progress($"{c.Label}: {text}"));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                warn($"bench: warning: {c.Label} failed and is left out: {Plugins.PluginError.Describe(e)}");
                continue;
            }
            yield return Read(c, plan, directory);
        }
    }

    /// <summary>A run's record from the files it wrote.</summary>
    public static OptimizerBenchmarkResult Read(OptimizerBenchmarkCase c, Manifests.RunPlan plan, string directory)
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "summary.json")));
        var root = summary.RootElement;
        // summary.json spells a diverged value "NaN" or "Infinity", as a string.
        double? Optional(string key) => root.GetProperty(key) switch
        {
            { ValueKind: JsonValueKind.Number } v => v.GetDouble(),
            { ValueKind: JsonValueKind.String } v when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) => x,
            _ => null,
        };
        var finalRelL2 = Optional("relL2");
        var curve = RelativeL2Curve.Read(Path.Combine(directory, "metrics.csv"), root.GetProperty("seconds").GetDouble(), finalRelL2);
        return new OptimizerBenchmarkResult(
            Manifest: plan.Manifest.Name,
            Label: c.Label,
            Optimizer: string.Join("→", plan.Stages.Select(s => s.Optimizer.Descriptor.Name)),
            Init: plan.Manifest.Model!.Init.Name(),
            Steps: root.GetProperty("steps").GetInt64(),
            FinalRelL2: finalRelL2,
            BestRelL2: Optional("bestRelL2"),
            Loss: Optional("loss") ?? double.NaN,
            SecondsPerStep: root.GetProperty("millisecondsPerStep").GetDouble() / 1000,
            SecondsTo: Thresholds.ToDictionary(t => t.Name, t => curve.FirstSecondsAtOrBelow(t.Value)),
            StoppedBecause: root.GetProperty("stoppedBecause").GetString() ?? "",
            Curve: curve,
            OutputDirectory: Path.GetFullPath(directory),
            Problem: root.TryGetProperty("problem", out var report) && report.ValueKind == JsonValueKind.Object
                ? report.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).ToDictionary(p => p.Name, p => p.Value.GetDouble())
                : new Dictionary<string, double>(),
            Seconds: root.GetProperty("seconds").GetDouble()) { Weighting = plan.Weighting?.Descriptor.Name ?? "fixed" };
    }

    /// <summary>The manifest file's name without .json, then the initialisation when overridden; made unique.</summary>
    private static string FolderName(OptimizerBenchmarkCase c, HashSet<string> used)
    {
        var stem = Path.GetFileNameWithoutExtension(c.ManifestFile);
        if (c.Init is { } init) stem += "." + init.Name();
        if (c.Weighting is { } weighting) stem += "." + weighting;
        var name = stem;
        for (var i = 2; !used.Add(name); i++) name = string.Create(CultureInfo.InvariantCulture, $"{stem}-{i}");
        return name;
    }
}
