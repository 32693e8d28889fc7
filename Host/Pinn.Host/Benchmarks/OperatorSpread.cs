using System.Text.Json.Nodes;

namespace Pinn.Host.Benchmarks;

/// <summary>
/// <c>pinn bench operators --processes N</c>: the operator benchmark in N fresh processes one after another (the same
/// binary can be fast in one process and slow in the next), and per case, engine and mode the median over processes of
/// each process's median time and ratio, with their min–max over processes.
/// </summary>
internal static class OperatorSpread
{
    /// <summary>One case, engine and mode over the processes.</summary>
    public sealed record Row(string Case, string Engine, string Mode, double MedianMs, double MinMs, double MaxMs,
                             double MedianRatio, double MinRatio, double MaxRatio, IReadOnlyList<double> Ratios);

    /// <param name="arguments">The arguments each process gets besides <c>bench operators --json FILE</c>.</param>
    public static IReadOnlyList<Row> Run(int processes, IReadOnlyList<string> arguments, string directory, Action<string> progress)
    {
        var perProcess = BenchProcesses.Run(processes, "operators", _ => arguments, directory, progress).Select(rows => rows.Select(r => new OperatorMeasurement(
            r!["case"]!.GetValue<string>(), r["engine"]!.GetValue<string>(), r["mode"]!.GetValue<string>(), r["ms"]!.GetValue<double>(),
            r["minMs"]!.GetValue<double>(), r["maxMs"]!.GetValue<double>(), r["ratioVsAutodiff"]!.GetValue<double>())).ToArray()).ToArray();
        return perProcess[0].Select(first =>
        {
            var same = perProcess.Select(p => p.Single(m => m.Case == first.Case && m.Engine == first.Engine && m.Mode == first.Mode)).ToArray();
            var ms = same.Select(m => m.Ms).Order().ToArray();
            var ratios = same.Select(m => m.RatioVsAutodiff).ToArray();
            var sorted = ratios.Order().ToArray();
            return new Row(first.Case, first.Engine, first.Mode, BenchProcesses.Median(ms), ms[0], ms[^1], BenchProcesses.Median(sorted), sorted[0], sorted[^1], ratios);
        }).ToArray();
    }
}
