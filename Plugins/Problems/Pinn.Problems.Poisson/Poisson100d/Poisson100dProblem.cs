using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Problems.Poisson.Poisson100d;

/// <summary>
/// −Δu = −2d on [0,1]^d, u = u* on the boundary; u* = ‖x‖², d = 100 by default
/// (Dangel, Müller &amp; Zeinhofer 2024).
/// </summary>
internal sealed class Poisson100dProblem : PdeProblem
{
    public Poisson100dProblem(Poisson100dOptions options)
        : base(CoordinateNames(options.Dimension), Box.Unit(options.Dimension))
    {
        var d = options.Dimension;
        var cube = Box.Unit(d);
        Conditions =
        [
            new Condition("interior", cube, DerivativeRequest.Of(LaplacianOperator.AllAxes),
                          i => -i.Derivatives.Laplacian() + 2.0 * d, DefaultPoints: 3000),
            new Condition("boundary", new BoxBoundary(cube), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value - Solution(i.Points), DefaultPoints: 1000),
        ];
    }

    /// <summary>u* = ‖x‖²: [N, 1] for x [N, d].</summary>
    public override torch.Tensor Solution(torch.Tensor x) => x.square().sum([1L], keepdim: true);
}
