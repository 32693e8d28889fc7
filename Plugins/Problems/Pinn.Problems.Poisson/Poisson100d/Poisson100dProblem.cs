using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Problems;
using Pinn.Problems.Poisson.DirichletCube;
using TorchSharp;

namespace Pinn.Problems.Poisson.Poisson100d;

/// <summary>
/// −Δu = −2d on [0,1]^d, u = u* on the boundary; u* = ‖x‖², d = 100 by default
/// (Dangel, Müller &amp; Zeinhofer 2024).
/// </summary>
internal sealed class Poisson100dProblem(Poisson100dOptions options)
    : DirichletCubeProblem(options.Dimension, 0, 1, DerivativeRequest.Of(LaplacianOperator.AllAxes), interiorPoints: 3000, boundaryPoints: 1000)
{
    /// <inheritdoc />
    protected override torch.Tensor InteriorResidual(ResidualInputs i) => -i.Derivatives.Laplacian() + 2.0 * InputDimension;

    /// <summary>u* = ‖x‖²: [N, 1] for x [N, d].</summary>
    public override torch.Tensor Solution(torch.Tensor x) => x.square().sum([1L], keepdim: true);
}
