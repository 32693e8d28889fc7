using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Reference;
using TorchSharp;

namespace Pinn.Problems.Poisson.PlateWithHoles;

/// <summary>
/// PINNacle's Poisson2d-C: Δu = 0 on the square [−0.5, 0.5]² minus four disks of radius 0.1 centred at (±0.3, ±0.3);
/// u = 1 on the square's edges (the pieces <c>outer.*</c>), u = 0 on the circles (<c>circle</c>). No closed form: the
/// error is measured at the 1 246 nodes of PINNacle's COMSOL solution (<c>poisson1_cg_data.dat</c>).
/// </summary>
internal sealed class PlateWithHolesProblem : PdeProblem, IReferenceDataProblem, IHardConstrainedProblem
{
    /// <summary>PINNacle's reference, shipped beside the assembly (Pinn.Problems.Poisson.csproj, <c>PinnacleData</c>).</summary>
    public const string PinnacleFile = "pinnacle/poisson1_cg_data.dat";

    /// <summary>The holes' centres; every radius is 0.1.</summary>
    private static readonly double[][] Centres = [[0.3, 0.3], [-0.3, 0.3], [0.3, -0.3], [-0.3, -0.3]];

    private const double Radius = 0.1;

    /// <summary>The plate: the square <c>outer</c> minus the four disks, each named <c>circle</c>.</summary>
    public static Shape Plate { get; } = new Box([-0.5, -0.5], [0.5, 0.5]) { Name = "outer" }
        .Minus(Centres.Select(c => new Ball(c, Radius)).ToArray());

    /// <summary>
    /// Both conditions imposed exactly: φ and g blend the square's smooth distance 4(¼ − x²)(¼ − y²) and each circle's
    /// |x − c| − r by inverse distance, so g = 1 on the square and 0 on the circles.
    /// </summary>
    public HardConstraint HardConstraint { get; } = new InverseDistanceBlend(
        [InverseDistanceBlend.BoxDistance([-0.5, -0.5], [0.5, 0.5]), .. Centres.Select(c => InverseDistanceBlend.SphereDistance(c, Radius))],
        [1.0, .. Centres.Select(_ => 0.0)]).Constraint(["outer", "circles"]);

    public PlateWithHolesProblem() : base(["x", "y"], Plate)
    {
        Conditions =
        [
            new Condition("interior", Plate, DerivativeRequest.Of(LaplacianOperator.AllAxes), i => i.Derivatives.Laplacian(), DefaultPoints: 8192),
            new Condition("outer", Plate.Boundary("outer"), DerivativeRequest.ValueOnly, i => i.Derivatives.Value - 1, DefaultPoints: 1024),
            new Condition("circles", Plate.Boundary("circle"), DerivativeRequest.ValueOnly, i => i.Derivatives.Value, DefaultPoints: 1024),
        ];
        ReferenceData = ReferenceDataReader.ReadComsol(ReferenceDataReader.ShippedFile(typeof(PlateWithHolesProblem).Assembly, PinnacleFile),
                                                      ["x", "y"], outputCount: 1, timeDependent: false);
    }

    /// <inheritdoc />
    public ReferenceData? ReferenceData { get; }

    public override bool HasSolution => false;

    public override torch.Tensor Solution(torch.Tensor x) => throw new NotSupportedException("poisson2d-c has no closed form; its reference is PINNacle's tabulated solution");
}
