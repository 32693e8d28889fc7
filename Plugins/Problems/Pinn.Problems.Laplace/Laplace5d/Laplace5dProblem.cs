using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Problems.Laplace.Laplace5d;

/// <summary>
/// The ANaGRAM paper's 5d Laplace problem (Schwencke &amp; Furtlehner, ICLR 2025, experiment
/// <c>anagram_laplace_5d.py</c>): Δu = −π² Σᵢ sin(πxᵢ) on [0,1]⁵, u = u* on the boundary;
/// u* = Σᵢ sin(πxᵢ). The authors draw 4000 interior and 500 boundary points and use a 5→64→1
/// tanh network.
/// </summary>
internal sealed class Laplace5dProblem : PdeProblem
{
    public Laplace5dProblem()
        : base(CoordinateNames(5), Box.Unit(5))
    {
        var cube = Box.Unit(5);
        Conditions =
        [
            new Condition("interior", cube, DerivativeRequest.Of(LaplacianOperator.AllAxes),
                          i => i.Derivatives.Laplacian() + Solution(i.Points) * (Math.PI * Math.PI), DefaultPoints: 4000),
            new Condition("boundary", new BoxBoundary(cube), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value - Solution(i.Points), DefaultPoints: 500),
        ];
    }

    /// <summary>u* = Σᵢ sin(πxᵢ): [N, 1] for x [N, 5].</summary>
    public override torch.Tensor Solution(torch.Tensor x) => (x * Math.PI).sin().sum([1L], keepdim: true);
}
