using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Reference;
using Pinn.Problems.NavierStokes.Steady;
using TorchSharp;

namespace Pinn.Problems.NavierStokes.LidDrivenCavity;

/// <summary>
/// PINNacle's NS2d-C, the lid-driven cavity: steady Navier–Stokes with ν = 1/100 on [0, 1]²; on the lid y = 1 (the
/// face <c>top</c>) u = a·x(1 − x), v = 0; no slip on the other walls; the pressure pinned, p(0, 0) = 0. Outputs
/// (u, v, p), inputs (x, y). With a = 4 the error is measured at the 10 201 nodes of PINNacle's COMSOL solution
/// (<c>lid_driven_a4.dat</c>).
/// </summary>
internal sealed class LidDrivenCavityProblem : PdeProblem, IReferenceDataProblem
{
    /// <summary>PINNacle's reference for a = 4, shipped beside the assembly.</summary>
    public const string PinnacleFile = "pinnacle/lid_driven_a4.dat";

    private const double Viscosity = 0.01;

    public LidDrivenCavityProblem(LidDrivenCavityOptions options) : base(["x", "y"], Box.Unit(2), outputDimension: 3)
    {
        OutputNames = ["u", "v", "p"];
        var cavity = Box.Unit(2);
        var a = options.LidAmplitude;
        Conditions =
        [
            new Condition("interior", cavity, SteadyNavierStokes.Request, i => SteadyNavierStokes.Residual(i, Viscosity), DefaultPoints: 8192),
            new Condition("lid", cavity.Boundary("top"), SteadyNavierStokes.VelocityRequest,
                          i => SteadyNavierStokes.Velocity(i, torch.cat([a * i.Points[.., 0..1] * (1 - i.Points[.., 0..1]), torch.zeros_like(i.Points[.., 0..1])], 1)),
                          DefaultPoints: 512),
            new Condition("walls", cavity.Boundary("left", "right", "bottom"), SteadyNavierStokes.VelocityRequest,
                          i => SteadyNavierStokes.Velocity(i, torch.zeros_like(i.Points)), DefaultPoints: 1536),
            new Condition("pressure", PointSet.Of(0, 0), SteadyNavierStokes.PressureRequest, i => SteadyNavierStokes.Pressure(i, torch.zeros_like(i.Points[.., 0]))),
        ];
        if (a == 4)
            ReferenceData = ReferenceDataReader.ReadComsol(ReferenceDataReader.ShippedFile(typeof(LidDrivenCavityProblem).Assembly, PinnacleFile),
                                                          ["x", "y"], outputCount: 3, timeDependent: false, outputNames: ["u", "v", "p"]);
    }

    /// <inheritdoc />
    public ReferenceData? ReferenceData { get; }

    public override bool HasSolution => false;

    public override torch.Tensor Solution(torch.Tensor x) => throw new NotSupportedException("ns2d-c has no closed form; its reference is PINNacle's tabulated solution");
}
