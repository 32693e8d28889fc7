using System.Globalization;

namespace Pinn.Host.Benchmarks;

/// <summary>The relative L2 error of a run against its training time: the evaluated rows of metrics.csv,
/// then the error at the end (summary.json), which a run measures after its last step.</summary>
internal sealed record RelativeL2Curve(IReadOnlyList<double> Seconds, IReadOnlyList<double> RelL2)
{
    /// <summary>Reads the <c>seconds</c> and <c>relL2</c> columns of a metrics.csv, adding the final error at
    /// <paramref name="finalSeconds"/> when there is one.</summary>
    public static RelativeL2Curve Read(string metricsFile, double finalSeconds, double? finalRelL2)
    {
        var lines = File.ReadAllLines(metricsFile);
        if (lines.Length == 0) throw new InvalidDataException($"{metricsFile} is empty");
        var header = lines[0].Split(',');
        var secondsColumn = Array.IndexOf(header, "seconds");
        var errorColumn = Array.IndexOf(header, "relL2");
        if (secondsColumn < 0 || errorColumn < 0) throw new InvalidDataException($"{metricsFile} has no seconds or relL2 column");
        var seconds = new List<double>();
        var errors = new List<double>();
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            if (cells.Length <= errorColumn || cells[errorColumn].Length == 0) continue;
            seconds.Add(double.Parse(cells[secondsColumn], CultureInfo.InvariantCulture));
            errors.Add(double.Parse(cells[errorColumn], CultureInfo.InvariantCulture));
        }
        if (finalRelL2 is { } last)
        {
            seconds.Add(Math.Max(finalSeconds, seconds.Count > 0 ? seconds[^1] : 0));
            errors.Add(last);
        }
        return new RelativeL2Curve(seconds, errors);
    }

    /// <summary>The first time at which the error was at or below <paramref name="threshold"/>; null if never.</summary>
    public double? FirstSecondsAtOrBelow(double threshold)
    {
        for (var i = 0; i < RelL2.Count; i++)
            if (RelL2[i] <= threshold) return Seconds[i];
        return null;
    }
}
