using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Problems.Poisson.Poisson10d;

/// <summary>
/// Δu = 0 on [0,1]^d, u = u* on the boundary; u* = Σₖ x_{2k−1} x_{2k} (k = 1 … d/2), d = 10 by default
/// (Dangel, Müller &amp; Zeinhofer 2024).
/// </summary>
internal sealed class Poisson10dProblem : PdeProblem
{
    public Poisson10dProblem(Poisson10dOptions options)
        : base(CoordinateNames(options.Dimension), Box.Unit(options.Dimension))
    {
        var d = options.Dimension;
        var cube = Box.Unit(d);
        Conditions =
        [
            new Condition("interior", cube, DerivativeRequest.Of(LaplacianOperator.AllAxes),
                          i => -i.Derivatives.Laplacian(), DefaultPoints: 3000),
            new Condition("boundary", new BoxBoundary(cube), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value - Solution(i.Points), DefaultPoints: 1000),
        ];
    }

    /// <summary>u* = Σₖ x_{2k−1} x_{2k}: [N, 1] for x [N, d] (odd columns times the even ones after them).</summary>
    public override torch.Tensor Solution(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var pairs = x.reshape(x.shape[0], InputDimension / 2, 2);
        return (pairs[.., .., 0] * pairs[.., .., 1]).sum([1L], keepdim: true).MoveToOuterDisposeScope();
    }
}
