using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Problems;
using Pinn.Problems.Poisson.DirichletCube;
using TorchSharp;

namespace Pinn.Problems.Poisson.Poisson10d;

/// <summary>
/// Δu = 0 on [0,1]^d, u = u* on the boundary; u* = Σₖ x_{2k−1} x_{2k} (k = 1 … d/2), d = 10 by default
/// (Dangel, Müller &amp; Zeinhofer 2024).
/// </summary>
internal sealed class Poisson10dProblem(Poisson10dOptions options)
    : DirichletCubeProblem(options.Dimension, 0, 1, DerivativeRequest.Of(LaplacianOperator.AllAxes), interiorPoints: 3000, boundaryPoints: 1000)
{
    /// <inheritdoc />
    protected override torch.Tensor InteriorResidual(ResidualInputs i) => -i.Derivatives.Laplacian();

    /// <summary>u* = Σₖ x_{2k−1} x_{2k}: [N, 1] for x [N, d] (odd columns times the even ones after them).</summary>
    public override torch.Tensor Solution(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var pairs = x.reshape(x.shape[0], InputDimension / 2, 2);
        return (pairs[.., .., 0] * pairs[.., .., 1]).sum([1L], keepdim: true).MoveToOuterDisposeScope();
    }
}
