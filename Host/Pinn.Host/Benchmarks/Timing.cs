using System.Diagnostics;

namespace Pinn.Host.Benchmarks;

/// <summary>Median and spread of repeated timed calls, after warm-up.</summary>
/// <param name="Median">Median milliseconds.</param>
/// <param name="Min">Fastest call.</param>
/// <param name="Max">Slowest call.</param>
internal sealed record Timing(double Median, double Min, double Max)
{
    /// <summary>Runs <paramref name="call"/> <paramref name="warmup"/> times untimed, then <paramref name="repeats"/> times timed, back to back.</summary>
    public static Timing Measure(Action call, int warmup, int repeats)
    {
        for (var i = 0; i < warmup; i++) call();
        var times = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            call();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        var median = repeats % 2 == 1 ? times[repeats / 2] : 0.5 * (times[repeats / 2 - 1] + times[repeats / 2]);
        return new Timing(median, times[0], times[^1]);
    }
}
