namespace Pinn.Host.Benchmarks;

/// <summary>
/// The process's peak resident memory (VmHWM) on Linux, which <see cref="Reset"/> sets back to the current
/// resident size (writing 5 to /proc/self/clear_refs), so that the peak of one measured phase can be read.
/// Elsewhere both report nothing.
/// </summary>
internal static class PeakMemory
{
    /// <summary>Starts a new peak at the current resident size; false when the platform cannot.</summary>
    public static bool Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Peak resident memory since the last reset, in MiB; null when unknown.</summary>
    public static double? PeakMebibytes() => Field("VmHWM:");

    /// <summary>Current resident memory, in MiB; null when unknown.</summary>
    public static double? ResidentMebibytes() => Field("VmRSS:");

    private static double? Field(string name)
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
            if (line is null) return null;
            var kib = long.Parse(line[name.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            return kib / 1024.0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
