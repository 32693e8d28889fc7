using System.Diagnostics;
using System.Globalization;

namespace Pinn.Host.Threading;

/// <summary>
/// How many cores other processes kept busy since the last reading: the machine's busy time from /proc/stat less this
/// process's own CPU time, over the wall time between readings. Linux only (elsewhere <see cref="Available"/> is false).
/// </summary>
internal sealed class CoreUsage
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private (long Busy, long Total, int Cpus) _machine;
    private TimeSpan _own;
    private double _at;

    public CoreUsage()
    {
        Available = OperatingSystem.IsLinux() && File.Exists("/proc/stat") && Machine() is not null;
        if (!Available) return;
        _machine = Machine()!.Value;
        _own = OwnTime();
    }

    /// <summary>Whether the machine's CPU time can be read.</summary>
    public bool Available { get; }

    /// <summary>Seconds since the last reading.</summary>
    public double SecondsSinceReading => _clock.Elapsed.TotalSeconds - _at;

    /// <summary>The cores other processes used on average since the last reading (0 … the machine's cores), and the
    /// machine's cores; null when nothing can be read.</summary>
    public (double Others, int Cpus)? Read()
    {
        if (!Available || Machine() is not { } machine) return null;
        var own = OwnTime();
        var now = _clock.Elapsed.TotalSeconds;
        var (busy, total) = (machine.Busy - _machine.Busy, machine.Total - _machine.Total);
        var wall = now - _at;
        var ownCores = wall > 0 ? (own - _own).TotalSeconds / wall : 0;
        (_machine, _own, _at) = (machine, own, now);
        if (total <= 0 || wall <= 0) return null;
        var allCores = (double)busy / total * machine.Cpus;
        return (Math.Clamp(allCores - ownCores, 0, machine.Cpus), machine.Cpus);
    }

    private static TimeSpan OwnTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>The first line of /proc/stat (user nice system idle iowait irq softirq steal, in clock ticks): busy and
    /// total time, and the number of cpuN lines.</summary>
    private static (long Busy, long Total, int Cpus)? Machine()
    {
        try
        {
            var lines = File.ReadAllLines("/proc/stat");
            var fields = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 9 || fields[0] != "cpu") return null;
            var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var total = ticks.Sum();
            var idle = ticks[3] + ticks[4];
            var cpus = lines.Count(l => l.StartsWith("cpu", StringComparison.Ordinal) && l.Length > 3 && char.IsDigit(l[3]));
            return (total - idle, total, Math.Max(cpus, 1));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return null;
        }
    }
}
