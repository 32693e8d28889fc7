using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Pinn.Host.Plots;

/// <summary>ScottPlot 5 has no logarithmic axis: values are plotted as log10 and the ticks labelled as powers of ten.</summary>
internal static class LogScale
{
    /// <summary>Labels the ticks of <paramref name="axis"/> (which shows log10 values) as 1e-3, 1e-2, ….</summary>
    public static void Label(IAxis axis)
        => axis.TickGenerator = new NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new LogMinorTickGenerator(),
            LabelFormatter = y => "1e" + y.ToString("0", CultureInfo.InvariantCulture),
        };

    /// <summary>Labels the ticks of <paramref name="axis"/>, which shows <paramref name="logValues"/>: as powers of ten
    /// over two decades or more; over fewer, at round values between them (1.2e1, 1.25e1, 1.3e1, …) with as many
    /// digits as tell neighbouring ticks apart.</summary>
    public static void Label(IAxis axis, IEnumerable<double> logValues)
    {
        var finite = logValues.Where(double.IsFinite).ToArray();
        if (finite.Length == 0 || finite.Max() - finite.Min() >= 2)
        {
            Label(axis);
            return;
        }
        var (low, high) = (Math.Pow(10, finite.Min()), Math.Pow(10, finite.Max()));
        var ticks = new NumericManual();
        if (high <= low)
        {
            ticks.AddMajor(finite.Min(), low.ToString("0.###e0", CultureInfo.InvariantCulture));
            axis.TickGenerator = ticks;
            return;
        }
        var step = RoundStep((high - low) / 5);
        var digits = Math.Max(1, (int)Math.Floor(Math.Log10(high)) - (int)Math.Floor(Math.Log10(step)) + 1);
        var format = "0." + new string('#', digits - 1) + "e0";
        for (var k = Math.Ceiling(low / step); k * step <= high * (1 + 1e-12); k++)
            ticks.AddMajor(Math.Log10(k * step), (k * step).ToString(format, CultureInfo.InvariantCulture));
        axis.TickGenerator = ticks;
    }

    /// <summary>1, 2 or 5 times a power of ten, near <paramref name="raw"/>.</summary>
    private static double RoundStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var scaled = raw / magnitude;
        return (scaled < 1.5 ? 1 : scaled < 3 ? 2 : scaled < 7 ? 5 : 10) * magnitude;
    }

    /// <summary>log10 of a positive value; NaN for zero, negative or non-finite values (left out of lines, masked in maps).</summary>
    public static double Of(double value) => value > 0 && double.IsFinite(value) ? Math.Log10(value) : double.NaN;
}
