using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Problems.FokkerPlanck.LogFokkerPlanck;

/// <summary>
/// The Fokker–Planck equation ∂t p = ½∇·(x p) + Δp of an Ornstein–Uhlenbeck process, written for
/// q = log p (Dangel, Müller &amp; Zeinhofer 2024, §4): ∂t q − d/2 − ½ ∇q·x − ‖∇q‖² − Δq = 0 for
/// t ∈ [0,1], x ∈ [−L, L]^d, with q(0,·) = log N(0, I). Exact: q* = log N(0, s(t) I) with
/// s(t) = 2 − e^{−t}, since the equation holds for log N(0, sI) exactly when s′ = 2 − s.
/// Inputs are (t, x₁ … x_d); there is no boundary condition.
/// </summary>
internal sealed class LogFokkerPlanckProblem : PdeProblem
{
    private readonly int _d;

    public LogFokkerPlanckProblem(LogFokkerPlanckOptions options)
        : base(CoordinateNames(options.Dimension, time: true), new TimeSpaceProduct(0, 1, Box.Cube(options.Dimension, -options.HalfWidth, options.HalfWidth)))
    {
        _d = options.Dimension;
        var space = Box.Cube(_d, -options.HalfWidth, options.HalfWidth);
        var qt = PartialDerivative.Of(0);
        var gradient = Enumerable.Range(1, _d).Select(a => (DerivativeKey)PartialDerivative.Of(a)).ToArray();
        var laplacian = LaplacianOperator.Over(Enumerable.Range(1, _d).ToArray());
        Conditions =
        [
            new Condition("interior", new TimeSpaceProduct(0, 1, space), DerivativeRequest.Of([qt, laplacian, .. gradient]),
                          i => Residual(i, qt, gradient, laplacian), DefaultPoints: 3000),
            new Condition("initial", new TimeSlice(0, space), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value - Solution(i.Points), DefaultPoints: 1000),
        ];
    }

    /// <summary>q*(t, x) = −‖x‖²/(2s) − (d/2) log(2πs), s = 2 − e^{−t}: [N, 1] for (t, x) [N, d + 1].</summary>
    public override torch.Tensor Solution(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var s = 2 - (-x[.., 0..1]).exp();
        var squared = x[.., 1..].square().sum([1L], keepdim: true);
        return (-squared / (2 * s) - 0.5 * _d * (s * (2 * Math.PI)).log()).MoveToOuterDisposeScope();
    }

    /// <summary>∂t q − d/2 − ½ ∇q·x − ‖∇q‖² − Δq: [N, 1].</summary>
    private torch.Tensor Residual(ResidualInputs i, DerivativeKey qt, DerivativeKey[] gradient, DerivativeKey laplacian)
    {
        using var scope = torch.NewDisposeScope();
        var grad = torch.cat(gradient.Select(k => i.Derivatives[k]).ToArray(), 1); // [N, d]
        var x = i.Points[.., 1..];
        var drift = (grad * x).sum([1L], keepdim: true);
        var squared = grad.square().sum([1L], keepdim: true);
        return (i.Derivatives[qt] - 0.5 * _d - 0.5 * drift - squared - i.Derivatives[laplacian]).MoveToOuterDisposeScope();
    }
}
