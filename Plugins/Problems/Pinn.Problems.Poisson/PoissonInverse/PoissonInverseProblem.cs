using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Problems.Poisson.PoissonInverse;

/// <summary>
/// PINNacle's PInv: recover the coefficient a of ∇·(a∇u) + f = 0 on [0, 1]² from noisy observations of u.
/// Outputs (u, a); truth u* = sin(πx) sin(πy), a* = 1/(1 + x² + y² + (x−1)² + (y−1)²); a = a* on the boundary; u is
/// observed with N(0, σ²) noise on an n × n grid (noise drawn from the run's seed); no boundary data for u.
/// <para>PINNacle's code uses f = 2π² sin πx sin πy a* + 2π[(2x+1) cos πx sin πy + (2y+1) sin πx cos πy] a*², which
/// (u*, a*) does not satisfy. Here f = −∇·(a*∇u*) = 2π² sin πx sin πy a* + 2π[(2x−1) cos πx sin πy + (2y−1) sin πx cos πy] a*²,
/// the source that makes the stated truth a solution.</para>
/// </summary>
internal sealed class PoissonInverseProblem : PdeProblem
{
    private static readonly PartialDerivative Dx = PartialDerivative.Of(0);
    private static readonly PartialDerivative Dy = PartialDerivative.Of(1);

    public PoissonInverseProblem(PoissonInverseOptions options, long seed) : base(["x", "y"], Box.Unit(2), outputDimension: 2)
    {
        OutputNames = ["u", "a"];
        var square = Box.Unit(2);
        var (sites, observed) = Observations(options, seed);
        Conditions =
        [
            new Condition("interior", square, Request, Residual, DefaultPoints: 8192),
            new Condition("observations", sites, DerivativeRequest.ValueOnly.ForOutputs(0), i => i.Derivatives.ValueOf(0) - observed.to(i.Points.dtype, i.Points.device)),
            new Condition("coefficient", square.Boundary(), DerivativeRequest.ValueOnly.ForOutputs(1),
                          i => i.Derivatives.ValueOf(1) - Coefficient(i.Points), DefaultPoints: 2048),
        ];
    }

    /// <summary>a, ∇u, ∇a and Δu (not Δa).</summary>
    private static readonly DerivativeRequest Request =
        DerivativeRequest.Of(Dx, Dy).And(DerivativeRequest.ValueOnly.ForOutputs(1)).And(DerivativeRequest.Of(LaplacianOperator.AllAxes).ForOutputs(0));

    /// <summary>a Δu + ∇a·∇u + f [N].</summary>
    private static torch.Tensor Residual(ResidualInputs i)
    {
        var d = i.Derivatives;
        return d.ValueOf(1) * d.LaplacianOf(0) + d.PartialOf(1, 0) * d.PartialOf(0, 0) + d.PartialOf(1, 1) * d.PartialOf(0, 1) + Source(i.Points);
    }

    /// <summary>The grid of observation sites and u* plus noise there [n²] (float64, CPU).</summary>
    private static (PointSet Sites, torch.Tensor Observed) Observations(PoissonInverseOptions options, long seed)
    {
        var n = options.ObservationGrid;
        var points = new List<double[]>(n * n);
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
            points.Add([i / (double)(n - 1), j / (double)(n - 1)]);
        var sites = new PointSet(points);
        using var generator = new torch.Generator((ulong)seed * 7919 + 17, torch.CPU);
        using var x = sites.Points(torch.float64, torch.CPU);
        using var noise = torch.randn([n * n], torch.float64, generator: generator);
        var observed = Exact(x)[.., 0] + options.Noise * noise;
        return (sites, observed.DetachFromDisposeScope());
    }

    private static torch.Tensor Coefficient(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var (px, py) = (x[.., 0], x[.., 1]);
        return (1 / (1 + px.square() + py.square() + (px - 1).square() + (py - 1).square())).MoveToOuterDisposeScope();
    }

    private static torch.Tensor Source(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var (px, py) = (x[.., 0] * Math.PI, x[.., 1] * Math.PI);
        var a = Coefficient(x);
        var f = 2 * Math.PI * Math.PI * px.sin() * py.sin() * a
                + 2 * Math.PI * ((2 * x[.., 0] - 1) * px.cos() * py.sin() + (2 * x[.., 1] - 1) * px.sin() * py.cos()) * a.square();
        return f.MoveToOuterDisposeScope();
    }

    private static torch.Tensor Exact(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var u = (x[.., 0] * Math.PI).sin() * (x[.., 1] * Math.PI).sin();
        return torch.stack([u, Coefficient(x)], 1).MoveToOuterDisposeScope();
    }

    /// <summary>(u*, a*) [N, 2].</summary>
    public override torch.Tensor Solution(torch.Tensor x) => Exact(x);
}
