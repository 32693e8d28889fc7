using Pinn.Host.Inference;
using Pinn.Host.Plots;
using ScottPlot;
using ScottPlot.TickGenerators;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Plots;

/// <summary>What the pictures print: the fixed inputs of a cut, briefly enough for a title, and colour-bar ticks that
/// tell their values apart.</summary>
public sealed class PictureLabelTests
{
    [Fact]
    public void Neighbouring_fixed_inputs_at_the_same_value_share_one_equals_sign()
    {
        var inputs = new[] { ("t", "1") }.Concat(Enumerable.Range(3, 98).Select(i => ($"x{i}", "0.5"))).ToArray();
        FixedInputs.Describe(inputs).ShouldBe("t = 1, x3 … x100 = 0.5");
        FixedInputs.Describe([("x3", "0.5"), ("x4", "0.5"), ("y", "0"), ("z", "0.5")]).ShouldBe("x3 = x4 = 0.5, y = 0, z = 0.5");
        FixedInputs.Describe([("z", "0")]).ShouldBe("z = 0");
    }

    [Theory]
    [InlineData(12.1, 14.4)]          // a colour bar of |error| over a fifth of a decade
    [InlineData(1.1e-5, 1.5e-5)]
    [InlineData(3e-3, 2e-2)]
    public void Ticks_over_less_than_two_decades_are_round_values_with_distinct_labels_inside_the_range(double low, double high)
    {
        var plot = new Plot();
        double[] logs = [Math.Log10(low), Math.Log10((low + high) / 2), Math.Log10(high)];
        plot.Add.ScatterPoints(logs, logs);
        LogScale.Label(plot.Axes.Left, logs);
        plot.GetImage(400, 600).Dispose();                                         // lays the ticks out
        var ticks = plot.Axes.Left.TickGenerator.ShouldBeOfType<NumericManual>().Ticks;
        ticks.Length.ShouldBeInRange(3, 11);
        ticks.Select(t => t.Label).Distinct().Count().ShouldBe(ticks.Length);
        foreach (var tick in ticks)
        {
            Math.Pow(10, tick.Position).ShouldBeInRange(low, high * (1 + 1e-12));
            double.Parse(tick.Label, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(Math.Pow(10, tick.Position), 1e-9 * high);
        }
    }

    [Fact]
    public void Ticks_over_two_decades_or_more_are_powers_of_ten()
    {
        var plot = new Plot();
        LogScale.Label(plot.Axes.Left, [-6.0, -2.5]);
        plot.Axes.Left.TickGenerator.ShouldBeOfType<NumericAutomatic>().LabelFormatter(-3).ShouldBe("1e-3");
    }
}
