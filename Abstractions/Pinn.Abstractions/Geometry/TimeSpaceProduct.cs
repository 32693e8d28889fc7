using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Geometry;

/// <summary>
/// The space-time cylinder [t0, t1] × Ω: points are (t, x) with time first. The space part may be
/// any domain, a boundary included (then this is the lateral boundary of the cylinder).
/// </summary>
public sealed class TimeSpaceProduct : IDomain
{
    /// <param name="start">t0.</param>
    /// <param name="end">t1 &gt; t0.</param>
    /// <param name="space">Ω.</param>
    public TimeSpaceProduct(double start, double end, IDomain space)
    {
        if (!(end > start)) throw new ArgumentException($"time interval: end {end} must exceed start {start}");
        Time = Interval.Of(start, end);
        Space = space;
    }

    /// <summary>The time interval.</summary>
    public Box Time { get; }

    /// <summary>The space part.</summary>
    public IDomain Space { get; }

    /// <inheritdoc />
    public int Dimension => 1 + Space.Dimension;

    /// <inheritdoc />
    public int SamplingDimension => 1 + Space.SamplingDimension;

    /// <inheritdoc />
    public double Measure => Time.Measure * Space.Measure;

    /// <inheritdoc />
    public (double[] Lower, double[] Upper) Bounds
    {
        get
        {
            var (tl, tu) = Time.Bounds;
            var (sl, su) = Space.Bounds;
            return ([.. tl, .. sl], [.. tu, .. su]);
        }
    }

    /// <inheritdoc />
    public torch.Tensor Map(torch.Tensor unit)
    {
        ShapeChecks.Points(unit, SamplingDimension, nameof(TimeSpaceProduct));
        using var scope = torch.NewDisposeScope();
        var t = Time.Map(unit[.., 0..1]);
        var x = Space.Map(unit[.., 1..]);
        return torch.cat([t, x], 1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public torch.Tensor Contains(torch.Tensor x, double tolerance = 1e-12)
    {
        ShapeChecks.Points(x, Dimension, nameof(TimeSpaceProduct));
        using var scope = torch.NewDisposeScope();
        var inTime = Time.Contains(x[.., 0..1], tolerance);
        var inSpace = Space.Contains(x[.., 1..], tolerance);
        return (inTime & inSpace).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Time}×{Space}";
}
