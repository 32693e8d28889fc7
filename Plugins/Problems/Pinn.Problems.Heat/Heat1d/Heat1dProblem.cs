using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Problems.Heat.Heat1d;

/// <summary>
/// ∂t u − κ ∂xx u = 0 on (t, x) ∈ [0,1]², u(t,0) = u(t,1) = 0, u(0,x) = sin(πx);
/// u* = exp(−κπ²t) sin(πx) (κ = ¼ in the KFAC and ANaGRAM papers). Inputs are (t, x).
/// </summary>
internal sealed class Heat1dProblem : PdeProblem, IHardConstrainedProblem
{
    /// <summary>u = sin(πx) + 4t·x(1−x)·N: the initial data extended constant in time, zero at x = 0 and 1 (not the
    /// decaying solution itself, which would leave nothing to learn).</summary>
    public HardConstraint HardConstraint { get; } = new(["boundary", "initial"],
        x => x[.., 0..1] * x[.., 1..2] * (1 - x[.., 1..2]) * 4,
        x => (x[.., 1..2] * Math.PI).sin());

    private readonly double _kappa;

    public Heat1dProblem(Heat1dOptions options)
        : base(["t", "x"], new TimeSpaceProduct(0, 1, Interval.Of(0, 1)))
    {
        _kappa = options.Diffusivity;
        var space = Interval.Of(0, 1);
        var ut = PartialDerivative.Of(0);
        var uxx = PartialDerivative.Of(1, 1);
        Conditions =
        [
            new Condition("interior", new TimeSpaceProduct(0, 1, space), DerivativeRequest.Of(ut, uxx),
                          i => i.Derivatives[ut] - _kappa * i.Derivatives[uxx], DefaultPoints: 900),
            new Condition("boundary", new TimeSpaceProduct(0, 1, new BoxBoundary(space)), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value, DefaultPoints: 60),
            new Condition("initial", new TimeSlice(0, space), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value - (i.Points[.., 1..2] * Math.PI).sin(), DefaultPoints: 60),
        ];
    }

    public override torch.Tensor Solution(torch.Tensor x)
        => (x[.., 0..1] * (-_kappa * Math.PI * Math.PI)).exp() * (x[.., 1..2] * Math.PI).sin();
}
