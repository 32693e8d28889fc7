using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Reference;
using TorchSharp;

namespace Pinn.Problems.Poisson.PoissonBoltzmann;

/// <summary>
/// PINNacle's Poisson2d-CG (Poisson–Boltzmann / Helmholtz): −Δu + k²u = f with k = 8 and
/// f = A (μ₁² + x² + μ₂² + y²) sin(μ₁πx) sin(μ₂πy), A = 10, μ = (1, 4), on [−1, 1]² minus the disks
/// (0.5, 0.5; 0.2), (0.4, −0.4; 0.4), (−0.2, −0.7; 0.1), (−0.6, 0.5; 0.3); u = 0.2 on the square's edges, u = 1 on
/// the circles. The error is measured at the 3 236 nodes of PINNacle's COMSOL solution (<c>poisson_boltzmann2d.dat</c>).
/// </summary>
internal sealed class PoissonBoltzmannProblem : PdeProblem, IReferenceDataProblem, IHardConstrainedProblem
{
    /// <summary>PINNacle's reference, shipped beside the assembly.</summary>
    public const string PinnacleFile = "pinnacle/poisson_boltzmann2d.dat";

    private const double K = 8, A = 10, Mu1 = 1, Mu2 = 4;

    /// <summary>The holes: centre and radius.</summary>
    private static readonly (double[] Centre, double Radius)[] Disks = [([0.5, 0.5], 0.2), ([0.4, -0.4], 0.4), ([-0.2, -0.7], 0.1), ([-0.6, 0.5], 0.3)];

    /// <summary>
    /// Both conditions imposed exactly: φ and g blend the square's smooth distance (1 − x²)(1 − y²)/2 and each circle's
    /// |x − c| − r by inverse distance, so g = 0.2 on the square and 1 on the circles.
    /// </summary>
    public HardConstraint HardConstraint { get; } = new InverseDistanceBlend(
        [InverseDistanceBlend.BoxDistance([-1, -1], [1, 1]), .. Disks.Select(d => InverseDistanceBlend.SphereDistance(d.Centre, d.Radius))],
        [0.2, .. Disks.Select(_ => 1.0)]).Constraint(["outer", "circles"]);

    /// <summary>The square <c>outer</c> minus the four disks, each named <c>circle</c>.</summary>
    public static Shape Domain { get; } = new Box([-1, -1], [1, 1]) { Name = "outer" }
        .Minus(Disks.Select(d => new Ball(d.Centre, d.Radius)).ToArray());

    public PoissonBoltzmannProblem() : base(["x", "y"], Domain)
    {
        Conditions =
        [
            new Condition("interior", Domain, DerivativeRequest.Of(PartialDerivative.Value, LaplacianOperator.AllAxes),
                          i => K * K * i.Derivatives.Value - i.Derivatives.Laplacian() - Source(i.Points), DefaultPoints: 8192),
            new Condition("outer", Domain.Boundary("outer"), DerivativeRequest.ValueOnly, i => i.Derivatives.Value - 0.2, DefaultPoints: 1024),
            new Condition("circles", Domain.Boundary("circle"), DerivativeRequest.ValueOnly, i => i.Derivatives.Value - 1, DefaultPoints: 1024),
        ];
        ReferenceData = ReferenceDataReader.ReadComsol(ReferenceDataReader.ShippedFile(typeof(PoissonBoltzmannProblem).Assembly, PinnacleFile),
                                                      ["x", "y"], outputCount: 1, timeDependent: false);
    }

    /// <summary>f [N, 1] at points [N, 2].</summary>
    private static torch.Tensor Source(torch.Tensor p)
    {
        using var scope = torch.NewDisposeScope();
        var (x, y) = (p[.., 0..1], p[.., 1..2]);
        return (A * (Mu1 * Mu1 + x.square() + Mu2 * Mu2 + y.square()) * (x * (Mu1 * Math.PI)).sin() * (y * (Mu2 * Math.PI)).sin()).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public ReferenceData? ReferenceData { get; }

    public override bool HasSolution => false;

    public override torch.Tensor Solution(torch.Tensor x) => throw new NotSupportedException("poisson2d-cg has no closed form; its reference is PINNacle's tabulated solution");
}
