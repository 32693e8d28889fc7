using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Pinn.Host.Plots;

/// <summary>ScottPlot 5 has no logarithmic axis: values are plotted as log10 and the ticks labelled as powers of ten.</summary>
internal static class LogScale
{
    /// <summary>Labels the ticks of <paramref name="axis"/> (which shows log10 values) as 1e-3, 1e-2, …; over less than
    /// two decades (<paramref name="decades"/>) also between powers of ten, as 2e-3, 5e-3, ….</summary>
    public static void Label(IAxis axis, double decades = double.PositiveInfinity)
        => axis.TickGenerator = decades >= 2
            ? new NumericAutomatic
            {
                IntegerTicksOnly = true,
                MinorTickGenerator = new LogMinorTickGenerator(),
                LabelFormatter = y => "1e" + y.ToString("0", CultureInfo.InvariantCulture),
            }
            : new NumericAutomatic { LabelFormatter = y => Math.Pow(10, y).ToString("0.#e0", CultureInfo.InvariantCulture) };

    /// <summary>How many decades the finite values of <paramref name="logValues"/> span (0 when none are finite).</summary>
    public static double Decades(IEnumerable<double> logValues)
    {
        var finite = logValues.Where(double.IsFinite).ToArray();
        return finite.Length == 0 ? 0 : finite.Max() - finite.Min();
    }

    /// <summary>log10 of a positive value; NaN for zero, negative or non-finite values (left out of lines, masked in maps).</summary>
    public static double Of(double value) => value > 0 && double.IsFinite(value) ? Math.Log10(value) : double.NaN;
}
