using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Problems.Poisson.Poisson5d;

/// <summary>
/// −Δu = π² Σᵢ cos(πxᵢ) on [0,1]^d, u = u* on the boundary; u* = Σᵢ cos(πxᵢ), d = 5 by default
/// (Müller &amp; Zeinhofer 2023; Dangel, Müller &amp; Zeinhofer 2024).
/// </summary>
internal sealed class Poisson5dProblem : PdeProblem
{
    public Poisson5dProblem(Poisson5dOptions options)
        : base(CoordinateNames(options.Dimension), Box.Unit(options.Dimension))
    {
        var d = options.Dimension;
        var cube = Box.Unit(d);
        Conditions =
        [
            new Condition("interior", cube, DerivativeRequest.Of(LaplacianOperator.AllAxes),
                          i => -i.Derivatives.Laplacian() - Solution(i.Points) * (Math.PI * Math.PI), DefaultPoints: 3000),
            new Condition("boundary", new BoxBoundary(cube), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value - Solution(i.Points), DefaultPoints: 500),
        ];
    }

    /// <summary>u* = Σᵢ cos(πxᵢ): [N, 1] for x [N, d].</summary>
    public override torch.Tensor Solution(torch.Tensor x) => (x * Math.PI).cos().sum([1L], keepdim: true);
}
