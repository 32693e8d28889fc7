using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Geometry.Csg;

/// <summary>
/// A set operation on two shapes: sampled by rejection from a proposal that covers it, with its acceptance rate
/// (and so its measure) estimated once from a fixed stream of candidates. Refuses an empty result.
/// </summary>
internal abstract class CompositeShape : Shape
{
    /// <summary>Candidates of the acceptance-rate estimate: its relative standard error is about √((1−p)/(p·2¹⁷)).</summary>
    internal const int EstimateCandidates = 1 << 17;

    private readonly Lazy<double> _rate;

    protected CompositeShape(Shape a, Shape b, string operation)
    {
        if (a.Dimension != b.Dimension)
            throw new ArgumentException($"{operation} of shapes of dimensions {a.Dimension} and {b.Dimension}");
        A = a;
        B = b;
        _rate = new Lazy<double>(() => EstimateRate(this, Proposal));
    }

    protected Shape A { get; }

    protected Shape B { get; }

    public override int Dimension => A.Dimension;

    public override int SamplingDimension => Proposal.SamplingDimension;

    public override double AcceptanceRate => _rate.Value;

    public override double Measure => Proposal.Measure * AcceptanceRate;

    public override torch.Tensor Map(torch.Tensor unit)
        => throw new InvalidOperationException($"{this} is sampled by rejection: draw its points with DomainSampling.Sample (every built-in sampler does)");

    /// <summary>Checks at construction that the result is not empty, so a wrong geometry fails when the problem is created.</summary>
    protected void RefuseEmpty(string operation)
    {
        if (AcceptanceRate == 0)
            throw new ArgumentException($"{this} is empty after the {operation}: none of {EstimateCandidates} points drawn from {Proposal} lies in it");
    }

    /// <summary>The share of <paramref name="proposal"/>'s uniform candidates <paramref name="domain"/> accepts, from a fixed seed.</summary>
    internal static double EstimateRate(IRejectionDomain domain, IDomain proposal)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator(20240607, torch.CPU);
        var unit = torch.rand([EstimateCandidates, proposal.SamplingDimension], torch.float64, torch.CPU, generator: generator);
        var x = proposal.Map(unit);
        return domain.Accepts(x).to_type(torch.float64).mean().ToDouble();
    }

    protected static torch.Tensor Checked(Shape shape, torch.Tensor x)
    {
        ShapeChecks.Points(x, shape.Dimension, shape.GetType().Name);
        return x;
    }
}
