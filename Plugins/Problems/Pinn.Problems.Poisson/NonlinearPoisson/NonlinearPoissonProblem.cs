using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Problems;
using Pinn.Problems.Poisson.DirichletCube;
using TorchSharp;

namespace Pinn.Problems.Poisson.NonlinearPoisson;

/// <summary>
/// −Δu + u³ = f on [−1,1]^d with f = π²u* + (u*)³ and u = u* on the boundary; u* = Σᵢ cos(πxᵢ).
/// For d = 1 this is the non-linear example of Müller &amp; Zeinhofer (ICML 2023, <c>engd_nonlinear.py</c>:
/// −u″ + u³ = π² cos(πx) + cos³(πx) on (−1,1), there in its energy form with natural boundary values),
/// written here as a PINN residual with Dirichlet data.
/// </summary>
internal sealed class NonlinearPoissonProblem(NonlinearPoissonOptions options)
    : DirichletCubeProblem(options.Dimension, -1, 1, DerivativeRequest.Of(PartialDerivative.Value, LaplacianOperator.AllAxes), interiorPoints: 1000, boundaryPoints: 200)
{
    /// <inheritdoc />
    protected override torch.Tensor InteriorResidual(ResidualInputs i) => -i.Derivatives.Laplacian() + i.Derivatives.Value.pow(3) - Source(i.Points);

    /// <summary>u* = Σᵢ cos(πxᵢ): [N, 1] for x [N, d].</summary>
    public override torch.Tensor Solution(torch.Tensor x) => (x * Math.PI).cos().sum([1L], keepdim: true);

    /// <summary>f = π²u* + (u*)³: [N, 1].</summary>
    private torch.Tensor Source(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var u = Solution(x);
        return (u * (Math.PI * Math.PI) + u.pow(3)).MoveToOuterDisposeScope();
    }
}
