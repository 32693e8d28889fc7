using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Pinn.Host.Plots;

/// <summary>ScottPlot 5 has no logarithmic axis: values are plotted as log10 and the ticks labelled as powers of ten.</summary>
internal static class LogScale
{
    /// <summary>Labels the ticks of <paramref name="axis"/> (which shows log10 values) as 1e-3, 1e-2, …</summary>
    public static void Label(IAxis axis)
        => axis.TickGenerator = new NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new LogMinorTickGenerator(),
            LabelFormatter = y => "1e" + y.ToString("0", CultureInfo.InvariantCulture),
        };

    /// <summary>log10 of a positive value; NaN for zero, negative or non-finite values (left out of lines, masked in maps).</summary>
    public static double Of(double value) => value > 0 && double.IsFinite(value) ? Math.Log10(value) : double.NaN;
}
