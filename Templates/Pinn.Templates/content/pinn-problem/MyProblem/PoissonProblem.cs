using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace MyProblem;

/// <summary>
/// −Δu = f on Ω = [0,1]² with u = 0 on ∂Ω, and f = 2k²π²·u* for the exact solution u* = sin(kπx)·sin(kπy).
/// Inputs (x, y), one output u. Each condition names its domain, the derivatives its residual needs, the residual
/// (one value per point, [N] or [N, 1]) and how many points it gets unless the manifest says otherwise.
/// </summary>
internal sealed class PoissonProblem : PdeProblem
{
    private static readonly Box Square = new([0.0, 0.0], [1.0, 1.0]);
    private readonly double _k;

    public PoissonProblem(int frequency) : base(["x", "y"], Square)
    {
        _k = frequency;
        var source = 2 * _k * _k * Math.PI * Math.PI;
        Conditions =
        [
            new Condition("interior", Square, DerivativeRequest.Of(LaplacianOperator.AllAxes),
                          i => -i.Derivatives.Laplacian() - source * Solution(i.Points), DefaultPoints: 900),
            new Condition("boundary", new BoxBoundary(Square), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value, DefaultPoints: 120),
        ];
    }

    /// <summary>u*(x) [N, 1] at x [N, 2].</summary>
    public override torch.Tensor Solution(torch.Tensor x)
        => (x[.., 0..1] * (_k * Math.PI)).sin() * (x[.., 1..2] * (_k * Math.PI)).sin();
}
