using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Problems;
using Pinn.Problems.Poisson.DirichletCube;
using TorchSharp;

namespace Pinn.Problems.Poisson.Poisson5d;

/// <summary>
/// −Δu = π² Σᵢ cos(πxᵢ) on [0,1]^d, u = u* on the boundary; u* = Σᵢ cos(πxᵢ), d = 5 by default
/// (Müller &amp; Zeinhofer 2023; Dangel, Müller &amp; Zeinhofer 2024).
/// </summary>
internal sealed class Poisson5dProblem(Poisson5dOptions options)
    : DirichletCubeProblem(options.Dimension, 0, 1, DerivativeRequest.Of(LaplacianOperator.AllAxes), interiorPoints: 3000, boundaryPoints: 500)
{
    /// <inheritdoc />
    protected override torch.Tensor InteriorResidual(ResidualInputs i) => -i.Derivatives.Laplacian() - Solution(i.Points) * (Math.PI * Math.PI);

    /// <summary>u* = Σᵢ cos(πxᵢ): [N, 1] for x [N, d].</summary>
    public override torch.Tensor Solution(torch.Tensor x) => (x * Math.PI).cos().sum([1L], keepdim: true);
}
