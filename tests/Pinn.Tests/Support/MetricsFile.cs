using System.Globalization;

namespace Pinn.Tests.Support;

/// <summary>Columns of a run's metrics.csv, one entry per step.</summary>
internal static class MetricsFile
{
    /// <summary>The column <paramref name="name"/> as written (e.g. to compare runs bit for bit).</summary>
    public static string[] Texts(string metrics, string name)
    {
        var lines = File.ReadAllLines(metrics);
        var index = Array.IndexOf(lines[0].Split(','), name);
        if (index < 0) throw new ArgumentException($"no column {name} in {lines[0]}");
        return lines.Skip(1).Select(l => l.Split(',')[index]).ToArray();
    }

    /// <summary>The column <paramref name="name"/> as numbers; empty cells are NaN.</summary>
    public static double[] Values(string metrics, string name)
        => Texts(metrics, name).Select(v => v.Length == 0 ? double.NaN : double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The loss of every step of the run in <paramref name="runDirectory"/>.</summary>
    public static double[] Losses(string runDirectory) => Values(Path.Combine(runDirectory, "metrics.csv"), "loss");
}
