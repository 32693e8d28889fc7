using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Geometry;

/// <summary>The slice {t} × Ω of a space-time cylinder, e.g. the initial slice t = 0. Points are (t, x).</summary>
public sealed class TimeSlice : IRejectionDomain
{
    /// <param name="time">The fixed time t.</param>
    /// <param name="space">Ω.</param>
    public TimeSlice(double time, IDomain space)
    {
        TimeValue = time;
        Space = space;
    }

    /// <summary>The fixed time.</summary>
    public double TimeValue { get; }

    /// <summary>The space part.</summary>
    public IDomain Space { get; }

    /// <inheritdoc />
    public int Dimension => 1 + Space.Dimension;

    /// <inheritdoc />
    public int SamplingDimension => SpaceProposal.SamplingDimension;

    /// <inheritdoc />
    public double Measure => Space.Measure;

    /// <inheritdoc />
    public (double[] Lower, double[] Upper) Bounds
    {
        get
        {
            var (sl, su) = Space.Bounds;
            return ([TimeValue, .. sl], [TimeValue, .. su]);
        }
    }

    /// <inheritdoc />
    public torch.Tensor Map(torch.Tensor unit)
    {
        ShapeChecks.Points(unit, SamplingDimension, nameof(TimeSlice));
        if (AcceptanceRate < 1)
            throw new InvalidOperationException($"{this} is sampled by rejection: draw its points with DomainSampling.Sample (every built-in sampler does)");
        using var scope = torch.NewDisposeScope();
        var x = Space.Map(unit);
        var t = torch.full(x.shape[0], 1, TimeValue, x.dtype, x.device);
        return torch.cat([t, x], 1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public torch.Tensor Contains(torch.Tensor x, double tolerance = 1e-12)
    {
        ShapeChecks.Points(x, Dimension, nameof(TimeSlice));
        using var scope = torch.NewDisposeScope();
        var atTime = (x[.., 0] - TimeValue).abs() <= tolerance;
        return (atTime & Space.Contains(x[.., 1..], tolerance)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public IDomain Proposal => AcceptanceRate < 1 ? new TimeSlice(TimeValue, SpaceProposal) : this;

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
    public override string ToString() => $"{{{TimeValue}}}×{Space}";
}
