
namespace Pinn.Host.Benchmarks;

/// <summary>
/// <c>pinn bench kfac-step --processes N</c>: the step benchmark in N fresh processes one after another, and per network
/// and optimizer the median over processes of each process's median step time and of its ratio to Adam's median in the
/// same process, with their min–max over processes.
/// </summary>
internal static class KfacStepSpread
{
    /// <summary>One network and optimizer over the processes.</summary>
    /// <param name="Ratios">Each process's median over Adam's median in that process (empty without Adam).</param>
    /// <param name="PeakMebibytes">The largest peak resident memory of any process during this optimizer's run, MiB.</param>
    public sealed record Row(string Network, long ParameterCount, string Optimizer, double MedianMs, double MinMs, double MaxMs,
                             double? MedianRatio, double? MinRatio, double? MaxRatio, IReadOnlyList<double> Ratios, double? PeakMebibytes);

    /// <param name="arguments">The arguments each process gets besides <c>bench kfac-step --json FILE --out DIR</c>
    /// (its runs go to process-i/ under <paramref name="directory"/>).</param>
    public static IReadOnlyList<Row> Run(int processes, IReadOnlyList<string> arguments, string directory, Action<string> progress)
    {
        var perProcess = BenchProcesses.Run(processes, "kfac-step", i => [.. arguments, "--out", Path.Combine(directory, $"process-{i + 1}")], directory, progress)
            .Select(rows => rows.Select(r => (Network: r!["network"]!.GetValue<string>(), ParameterCount: r["parameterCount"]!.GetValue<long>(),
                                              Optimizer: r["optimizer"]!.GetValue<string>(), MedianMilliseconds: r["medianMilliseconds"]!.GetValue<double>(),
                                              RatioVsAdam: r["ratioVsAdam"]?.GetValue<double>(), PeakMebibytes: r["peakMebibytes"]?.GetValue<double>())).ToArray())
            .ToArray();
        return perProcess[0].Select(first =>
        {
            var same = perProcess.Select(p => p.Single(m => m.Network == first.Network && m.Optimizer == first.Optimizer)).ToArray();
            var ms = same.Select(m => m.MedianMilliseconds).Order().ToArray();
            var ratios = same.Where(m => m.RatioVsAdam is not null).Select(m => m.RatioVsAdam!.Value).ToArray();
            var sorted = ratios.Order().ToArray();
            var peaks = same.Where(m => m.PeakMebibytes is not null).Select(m => m.PeakMebibytes!.Value).ToArray();
            return new Row(first.Network, first.ParameterCount, first.Optimizer, BenchProcesses.Median(ms), ms[0], ms[^1],
                           sorted.Length == 0 ? null : BenchProcesses.Median(sorted), sorted.Length == 0 ? null : sorted[0],
                           sorted.Length == 0 ? null : sorted[^1], ratios, peaks.Length == 0 ? null : peaks.Max());
        }).ToArray();
    }
}
