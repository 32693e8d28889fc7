using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Problems.Heat.HeatNd;

/// <summary>
/// PINNacle's HNd: ∂t u = (1/d) Δu + f with f = −(1/d)|x|² exp(|x|²/2 + t) in the unit ball of R^d × [0, 1], the
/// Neumann condition ∂u/∂n = exp(|x|²/2 + t) on the sphere and u(0) = exp(|x|²/2); u* = exp(|x|²/2 + t).
/// Inputs (t, x₁ … x_d).
/// </summary>
internal sealed class HeatNdProblem : PdeProblem
{
    public HeatNdProblem(HeatNdOptions options) : base(CoordinateNames(options.Dimension, time: true), new TimeSpaceProduct(0, 1, Ball.Unit(options.Dimension)))
    {
        var d = options.Dimension;
        var space = Enumerable.Range(1, d).ToArray();
        var ut = PartialDerivative.Of(0);
        var laplacian = LaplacianOperator.Over(space);
        var ball = Ball.Unit(d);
        Conditions =
        [
            new Condition("interior", new TimeSpaceProduct(0, 1, ball), DerivativeRequest.Of(ut, laplacian),
                          i => i.Derivatives[ut] - i.Derivatives[laplacian] / d + SquaredRadius(i.Points) / d * Solution(i.Points), DefaultPoints: 32768),
            new Condition("neumann", new TimeSpaceProduct(0, 1, ball.Boundary()),
                          DerivativeRequest.Of(space.Select(a => (DerivativeKey)PartialDerivative.Of(a)).ToArray()),
                          i => i.NormalDerivative() - Solution(i.Points)[.., 0], DefaultPoints: 8192),
            new Condition("initial", new TimeSlice(0, ball), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value - Solution(i.Points), DefaultPoints: 8192),
        ];
    }

    /// <summary>|x|² [N, 1] of points (t, x).</summary>
    private static torch.Tensor SquaredRadius(torch.Tensor x) => x[.., 1..].square().sum([1L], keepdim: true);

    public override torch.Tensor Solution(torch.Tensor x) => (SquaredRadius(x) / 2 + x[.., 0..1]).exp();
}
