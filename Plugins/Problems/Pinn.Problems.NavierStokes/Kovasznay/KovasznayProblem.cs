using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using Pinn.Problems.NavierStokes.Steady;
using TorchSharp;

namespace Pinn.Problems.NavierStokes.Kovasznay;

/// <summary>
/// Kovasznay flow: steady Navier–Stokes at Re = 1/ν on [−0.5, 1] × [−0.5, 1.5] with the closed-form solution
/// u = 1 − e^{λx} cos 2πy, v = λ/(2π) e^{λx} sin 2πy, p = ½ (1 − e^{2λx}), λ = Re/2 − √(Re²/4 + 4π²).
/// The velocity is given on the whole boundary and the pressure on the outlet x = 1 (which fixes its constant).
/// Outputs (u, v, p), inputs (x, y).
/// </summary>
internal sealed class KovasznayProblem : PdeProblem
{
    private readonly double _lambda;

    public KovasznayProblem(KovasznayOptions options) : base(["x", "y"], Domain, outputDimension: 3)
    {
        OutputNames = ["u", "v", "p"];
        var nu = 1 / options.Reynolds;
        _lambda = options.Reynolds / 2 - Math.Sqrt(options.Reynolds * options.Reynolds / 4 + 4 * Math.PI * Math.PI);
        Conditions =
        [
            new Condition("interior", Domain, SteadyNavierStokes.Request, i => SteadyNavierStokes.Residual(i, nu), DefaultPoints: 2000),
            new Condition("boundary", Domain.Boundary(), SteadyNavierStokes.VelocityRequest,
                          i => SteadyNavierStokes.Velocity(i, Solution(i.Points)[.., 0..2]), DefaultPoints: 400),
            new Condition("outlet", Domain.Boundary("right"), SteadyNavierStokes.PressureRequest,
                          i => SteadyNavierStokes.Pressure(i, Solution(i.Points)[.., 2]), DefaultPoints: 100),
        ];
    }

    /// <summary>The rectangle [−0.5, 1] × [−0.5, 1.5]; its face <c>right</c> is the outlet.</summary>
    private static Box Domain { get; } = new([-0.5, -0.5], [1, 1.5]);

    public override torch.Tensor Solution(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var growth = (x[.., 0] * _lambda).exp();
        var angle = x[.., 1] * (2 * Math.PI);
        var u = 1 - growth * angle.cos();
        var v = _lambda / (2 * Math.PI) * growth * angle.sin();
        var p = 0.5 * (1 - growth.square());
        return torch.stack([u, v, p], 1).MoveToOuterDisposeScope();
    }
}
