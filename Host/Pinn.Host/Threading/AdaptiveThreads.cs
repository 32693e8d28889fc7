using TorchSharp;

namespace Pinn.Host.Threading;

/// <summary>
/// Torch's thread count for a training run that sets none: about once a second, between steps, the cores other
/// processes leave free (rounded, at least 1, at most this process's cores). A run alone keeps every core; two runs on
/// the same cores settle at one core each instead of spinning against each other (<c>pinn bench contention</c>); when
/// the other run ends, this one takes the cores back.
/// </summary>
internal sealed class AdaptiveThreads
{
    /// <summary>Seconds between readings.</summary>
    public const double Interval = 1.0;

    private readonly CoreUsage _usage;
    private readonly int _cores;
    private int _threads;

    private AdaptiveThreads(CoreUsage usage, int cores)
    {
        (_usage, _cores) = (usage, cores);
        _threads = torch.get_num_threads();
    }

    /// <summary>The threads the run uses now.</summary>
    public int Threads => _threads;

    /// <summary>The threads the user fixed: the manifest's <c>threads</c>, else a positive <c>OMP_NUM_THREADS</c>, else
    /// null (the run adapts). Set on torch at the start of every run, so that a run in a process that trained before
    /// (the tests, a benchmark) does not inherit the threads of the last one.</summary>
    public static int? Fixed(int? manifestThreads) =>
        manifestThreads ?? (int.TryParse(Environment.GetEnvironmentVariable("OMP_NUM_THREADS"), System.Globalization.NumberStyles.None,
                                         System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null);

    /// <summary>An adaptive thread count, or null when the user fixed the threads (the manifest's <c>threads</c>,
    /// OMP_NUM_THREADS) or the machine's CPU time cannot be read.</summary>
    public static AdaptiveThreads? For(int? manifestThreads)
    {
        if (manifestThreads is not null || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OMP_NUM_THREADS"))) return null;
        var usage = new CoreUsage();
        return usage.Available && Environment.ProcessorCount > 1 ? new AdaptiveThreads(usage, Environment.ProcessorCount) : null;
    }

    /// <summary>The threads for a process of <paramref name="cores"/> cores on a machine of <paramref name="cpus"/> whose
    /// other processes keep <paramref name="others"/> cores busy: the free cores, rounded, between 1 and <paramref name="cores"/>.</summary>
    public static int FreeCores(double others, int cpus, int cores) => (int)Math.Clamp(Math.Round(cpus - others), 1, cores);

    /// <summary>Call between steps: re-reads the machine when <see cref="Interval"/> has passed and sets torch's threads
    /// when the free cores changed. Returns the new count when it changed.</summary>
    public int? Tick()
    {
        if (_usage.SecondsSinceReading < Interval || _usage.Read() is not { } reading) return null;
        var free = FreeCores(reading.Others, reading.Cpus, _cores);
        if (free == _threads) return null;
        torch.set_num_threads(free);
        return _threads = free;
    }
}
