using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Problems.Heat.Heat4d;

/// <summary>
/// ∂t u − κ Δₓu = 0 for t ∈ [0,1], x ∈ [0,1]^d; u(0,x) = Σᵢ sin(2xᵢ); u = u* on the spatial boundary;
/// u* = exp(−4κt) Σᵢ sin(2xᵢ), which is e^{−t} Σᵢ sin(2xᵢ) for the paper's κ = ¼ and d = 4
/// (Dangel, Müller &amp; Zeinhofer 2024). Inputs are (t, x₁ … x_d). The paper's 500 condition points are
/// 250 on the lateral boundary and 250 at t = 0 in one term; here they are two conditions of 250 each.
/// </summary>
internal sealed class Heat4dProblem : PdeProblem
{
    private readonly double _kappa;

    public Heat4dProblem(Heat4dOptions options)
        : base(CoordinateNames(options.Dimension, time: true), new TimeSpaceProduct(0, 1, Box.Unit(options.Dimension)))
    {
        _kappa = options.Diffusivity;
        var d = options.Dimension;
        var space = Box.Unit(d);
        var ut = PartialDerivative.Of(0);
        var laplacian = LaplacianOperator.Over(Enumerable.Range(1, d).ToArray());
        Conditions =
        [
            new Condition("interior", new TimeSpaceProduct(0, 1, space), DerivativeRequest.Of(ut, laplacian),
                          i => i.Derivatives[ut] - _kappa * i.Derivatives[laplacian], DefaultPoints: 3000),
            new Condition("boundary", new TimeSpaceProduct(0, 1, new BoxBoundary(space)), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value - Solution(i.Points), DefaultPoints: 250),
            new Condition("initial", new TimeSlice(0, space), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value - Solution(i.Points), DefaultPoints: 250),
        ];
    }

    /// <summary>u*(t, x) = exp(−4κt) Σᵢ sin(2xᵢ): [N, 1] for (t, x) [N, d + 1].</summary>
    public override torch.Tensor Solution(torch.Tensor x)
        => (x[.., 0..1] * (-4 * _kappa)).exp() * (x[.., 1..] * 2).sin().sum([1L], keepdim: true);
}
