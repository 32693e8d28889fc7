using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Problems.Poisson.NonlinearPoisson;

/// <summary>
/// −Δu + u³ = f on [−1,1]^d with f = π²u* + (u*)³ and u = u* on the boundary; u* = Σᵢ cos(πxᵢ).
/// For d = 1 this is the non-linear example of Müller &amp; Zeinhofer (ICML 2023, <c>engd_nonlinear.py</c>:
/// −u″ + u³ = π² cos(πx) + cos³(πx) on (−1,1), there in its energy form with natural boundary values),
/// written here as a PINN residual with Dirichlet data.
/// </summary>
internal sealed class NonlinearPoissonProblem : PdeProblem
{
    public NonlinearPoissonProblem(NonlinearPoissonOptions options)
        : base(CoordinateNames(options.Dimension), Box.Cube(options.Dimension, -1, 1))
    {
        var d = options.Dimension;
        var cube = Box.Cube(d, -1, 1);
        Conditions =
        [
            new Condition("interior", cube, DerivativeRequest.Of(PartialDerivative.Value, LaplacianOperator.AllAxes),
                          i => -i.Derivatives.Laplacian() + i.Derivatives.Value.pow(3) - Source(i.Points), DefaultPoints: 1000),
            new Condition("boundary", new BoxBoundary(cube), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value - Solution(i.Points), DefaultPoints: 200),
        ];
    }

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
