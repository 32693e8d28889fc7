using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Geometry;

/// <summary>
/// The space-time cylinder [t0, t1] × Ω: points are (t, x) with time first. The space part may be
/// any domain, a boundary included (then this is the lateral boundary of the cylinder, and its normals are the
/// space part's with a zero time component). A space part sampled by rejection makes the product sampled by
/// rejection too, from time × the space part's proposal.
/// </summary>
public sealed class TimeSpaceProduct : IRejectionDomain, IBoundaryDomain
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
    public int SamplingDimension => 1 + SpaceProposal.SamplingDimension;

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
        if (AcceptanceRate < 1)
            throw new InvalidOperationException($"{this} is sampled by rejection: draw its points with DomainSampling.Sample (every built-in sampler does)");
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
    public IDomain Proposal => AcceptanceRate < 1 ? new TimeSpaceProduct(Time.Bounds.Lower[0], Time.Bounds.Upper[0], SpaceProposal) : this;

    /// <inheritdoc />
    public double AcceptanceRate => Space is IRejectionDomain r ? r.AcceptanceRate : 1.0;

    private IDomain SpaceProposal => Space is IRejectionDomain { AcceptanceRate: < 1 } r ? r.Proposal : Space;

    /// <inheritdoc />
    public torch.Tensor Accepts(torch.Tensor candidates)
    {
        using var scope = torch.NewDisposeScope();
        return (Space is IRejectionDomain r ? r.Accepts(candidates[.., 1..]) : torch.ones(candidates.shape[0], torch.@bool, candidates.device))
            .MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public bool HasNormals => Space is IBoundaryDomain { HasNormals: true };

    /// <summary>The space part's outward unit normals with a zero time component [N, 1 + d] at points (t, x) [N, 1 + d].</summary>
    public torch.Tensor Normals(torch.Tensor x)
    {
        ShapeChecks.Points(x, Dimension, nameof(TimeSpaceProduct));
        if (Space is not IBoundaryDomain { HasNormals: true } boundary)
            throw new InvalidOperationException($"{this} has no normals: its space part {Space} is not a boundary");
        using var scope = torch.NewDisposeScope();
        var normals = boundary.Normals(x[.., 1..]);
        return torch.cat([torch.zeros([x.shape[0], 1], normals.dtype, normals.device), normals], 1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Time}×{Space}";
}
