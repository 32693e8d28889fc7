using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Problems.Laplace.Laplace2d;

/// <summary>
/// The ANaGRAM paper's 2d Laplace problem (Schwencke &amp; Furtlehner, ICLR 2025, experiment
/// <c>anagram_laplace_2d.py</c>): Δu = −2π² sin(πx) sin(πy) on [0,1]², u = 0 on the boundary;
/// u* = sin(πx) sin(πy). The authors use a 28 × 28 interior grid and 30 points per side with a
/// 2→32→1 tanh network; the defaults here are the same counts drawn by the run's sampler.
/// </summary>
internal sealed class Laplace2dProblem : PdeProblem
{
    public Laplace2dProblem()
        : base(["x", "y"], Box.Unit(2))
    {
        var square = Box.Unit(2);
        Conditions =
        [
            new Condition("interior", square, DerivativeRequest.Of(LaplacianOperator.AllAxes),
                          i => i.Derivatives.Laplacian() + Solution(i.Points) * (2 * Math.PI * Math.PI), DefaultPoints: 784),
            new Condition("boundary", new BoxBoundary(square), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value, DefaultPoints: 120),
        ];
    }

    /// <summary>u* = sin(πx) sin(πy): [N, 1] for x [N, 2].</summary>
    public override torch.Tensor Solution(torch.Tensor x) => (x * Math.PI).sin().prod(1, keepdim: true);
}
