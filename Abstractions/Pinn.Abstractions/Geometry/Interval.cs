namespace Pinn.Abstractions.Geometry;

/// <summary>Intervals [a, b]: a one-dimensional <see cref="Box"/>.</summary>
public static class Interval
{
    /// <summary>The interval [a, b] as a box of dimension 1.</summary>
    public static Box Of(double a, double b) => new([a], [b]);
}
