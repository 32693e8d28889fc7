using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Reference;
using Pinn.Problems.NavierStokes.Steady;
using TorchSharp;

namespace Pinn.Problems.NavierStokes.BackwardFacingStep;

/// <summary>
/// PINNacle's NS2d-CG, the backward-facing step (its benchmark case, without obstacles): steady Navier–Stokes with
/// ν = 1/100 on the L-shaped channel [0, 4] × [0, 2] minus the block [0, 2] × [1, 2]; inlet x = 0 (0 ≤ y ≤ 1):
/// u = 4y(1 − y), v = 0; outlet x = 4: p = 0; no slip on every other wall, the step's included. Outputs (u, v, p),
/// inputs (x, y). The error is measured at the 12 910 nodes of PINNacle's COMSOL solution (<c>ns_0_obstacle.dat</c>).
/// </summary>
internal sealed class BackwardFacingStepProblem : PdeProblem, IReferenceDataProblem
{
    /// <summary>PINNacle's reference, shipped beside the assembly.</summary>
    public const string PinnacleFile = "pinnacle/ns_0_obstacle.dat";

    private const double Viscosity = 0.01;

    /// <summary>The channel <c>channel</c> minus the block <c>step</c>: the inlet is <c>channel.left</c> below the step,
    /// the outlet <c>channel.right</c>.</summary>
    public static Shape Channel { get; } = new Box([0, 0], [4, 2]) { Name = "channel" } - new Box([0, 1], [2, 2]) { Name = "step" };

    public BackwardFacingStepProblem() : base(["x", "y"], Channel, outputDimension: 3)
    {
        OutputNames = ["u", "v", "p"];
        Conditions =
        [
            new Condition("interior", Channel, SteadyNavierStokes.Request, i => SteadyNavierStokes.Residual(i, Viscosity), DefaultPoints: 8192),
            new Condition("inlet", Channel.Boundary("channel.left"), SteadyNavierStokes.VelocityRequest,
                          i => SteadyNavierStokes.Velocity(i, torch.cat([4 * i.Points[.., 1..2] * (1 - i.Points[.., 1..2]), torch.zeros_like(i.Points[.., 1..2])], 1)),
                          DefaultPoints: 256),
            new Condition("outlet", Channel.Boundary("channel.right"), SteadyNavierStokes.PressureRequest,
                          i => SteadyNavierStokes.Pressure(i, torch.zeros_like(i.Points[.., 0])), DefaultPoints: 256),
            new Condition("walls", Channel.Boundary("channel.bottom", "channel.top", "step"), SteadyNavierStokes.VelocityRequest,
                          i => SteadyNavierStokes.Velocity(i, torch.zeros_like(i.Points)), DefaultPoints: 1536),
        ];
        ReferenceData = ReferenceDataReader.ReadComsol(ReferenceDataReader.ShippedFile(typeof(BackwardFacingStepProblem).Assembly, PinnacleFile),
                                                      ["x", "y"], outputCount: 3, timeDependent: false, outputNames: ["u", "v", "p"]);
    }

    /// <inheritdoc />
    public ReferenceData? ReferenceData { get; }

    public override bool HasSolution => false;

    public override torch.Tensor Solution(torch.Tensor x) => throw new NotSupportedException("ns2d-cg has no closed form; its reference is PINNacle's tabulated solution");
}
