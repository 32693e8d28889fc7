using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Reference;
using TorchSharp;

namespace Pinn.Problems.Heat.HeatInverse;

/// <summary>
/// PINNacle's HInv: recover the diffusivity a of ∂t u − ∇·(a∇u) = f on [−1, 1]² × [0, 1] from noisy observations of u.
/// Outputs (u, a), inputs (t, x, y); truth u* = e^{−t} sin(πx) sin(πy), a* = 2 + sin(πx) sin(πy);
/// f = e^{−t} [(4π² − 1) sin πx sin πy + π² (2 sin²πx sin²πy − cos²πx sin²πy − sin²πx cos²πy)]; a = a* on the sides for
/// all t; u observed with N(0, σ²) noise (drawn from the run's seed) at the 2 500 points (x, y, t) of PINNacle's
/// <c>heatinv_points.dat</c>; no initial or boundary data for u. The coefficient is a function of space alone, a(x, y),
/// but the network's second output sees t too, so the condition <c>steady-coefficient</c> asks ∂t a = 0 in the interior
/// unless the option <c>steadyCoefficient</c> is false (without it the network's a can vary in t and absorb the
/// observations' noise; PINNacle recommends a separate network for a that does not see t for the same reason).
/// </summary>
internal sealed class HeatInverseProblem : PdeProblem, IHardConstrainedProblem
{
    /// <summary>PINNacle's observation sites, shipped beside the assembly.</summary>
    public const string PinnacleFile = "pinnacle/heatinv_points.dat";

    private static readonly PartialDerivative Dt = PartialDerivative.Of(0);
    private static readonly PartialDerivative Dx = PartialDerivative.Of(1);
    private static readonly PartialDerivative Dy = PartialDerivative.Of(2);
    private static readonly LaplacianOperator SpaceLaplacian = LaplacianOperator.Over(1, 2);

    /// <summary>∂t u, ∇u and ∇a in space, a, and Δu (not Δa, nor ∂t a).</summary>
    private static readonly DerivativeRequest Request = DerivativeRequest.Of(Dx, Dy)
        .And(DerivativeRequest.Of(Dt, SpaceLaplacian).ForOutputs(0)).And(DerivativeRequest.ValueOnly.ForOutputs(1));

    /// <summary>∂t a only.</summary>
    private static readonly DerivativeRequest CoefficientTimeDerivative = DerivativeRequest.Of(Dt).ForOutputs(1);

    /// <summary>
    /// The coefficient's side data imposed exactly: a = 2 + (1 − x²)(1 − y²)·N_a (a* = 2 on the sides); u has no
    /// boundary data and stays free (φ = 1, g = 0 for it).
    /// </summary>
    public HardConstraint HardConstraint { get; } = new(["coefficient"],
        p => torch.cat([torch.ones_like(p[.., 0..1]), (1 - p[.., 1..2].square()) * (1 - p[.., 2..3].square())], 1),
        p => torch.cat([torch.zeros_like(p[.., 0..1]), torch.full_like(p[.., 0..1], 2.0)], 1));

    public HeatInverseProblem(HeatInverseOptions options, long seed) : this(options, seed, new Box([-1, -1], [1, 1])) { }

    /// <summary>The interior and the evaluation share one domain, [0, 1] × the square.</summary>
    private HeatInverseProblem(HeatInverseOptions options, long seed, Box square)
        : base(["t", "x", "y"], new TimeSpaceProduct(0, 1, square), outputDimension: 2)
    {
        OutputNames = ["u", "a"];
        var (sites, observed) = Observations(options, seed);
        Condition[] conditions =
        [
            new Condition("interior", EvaluationDomain, Request, Residual, DefaultPoints: 32768),
            new Condition("observations", sites, DerivativeRequest.ValueOnly.ForOutputs(0),
                          i => i.Derivatives.ValueOf(0) - observed.to(i.Points.dtype, i.Points.device)),
            new Condition("coefficient", new TimeSpaceProduct(0, 1, square.Boundary()), DerivativeRequest.ValueOnly.ForOutputs(1),
                          i => i.Derivatives.ValueOf(1) - Exact(i.Points)[.., 1], DefaultPoints: 8192),
        ];
        Conditions = options.SteadyCoefficient ? [.. conditions, SteadyCoefficient(EvaluationDomain)] : conditions;
    }

    /// <summary>∂t a = 0 in the interior [N].</summary>
    private static Condition SteadyCoefficient(IDomain domain) =>
        new("steady-coefficient", domain, CoefficientTimeDerivative, i => i.Derivatives.PartialOf(1, 0), DefaultPoints: 2000);

    /// <summary>∂t u − a Δu − ∇a·∇u − f [N].</summary>
    private static torch.Tensor Residual(ResidualInputs i)
    {
        var d = i.Derivatives;
        return d.PartialOf(0, 0) - d.ValueOf(1) * d.Output(SpaceLaplacian, 0) - d.PartialOf(1, 1) * d.PartialOf(0, 1) - d.PartialOf(1, 2) * d.PartialOf(0, 2)
               - Source(i.Points);
    }

    /// <summary>PINNacle's sites as (t, x, y) and u* plus noise there [N] (float64, CPU).</summary>
    private static (PointSet Sites, torch.Tensor Observed) Observations(HeatInverseOptions options, long seed)
    {
        var file = ReferenceDataReader.ReadComsol(ReferenceDataReader.ShippedFile(typeof(HeatInverseProblem).Assembly, PinnacleFile),
                                                  ["x", "y", "t"], outputCount: 0, timeDependent: false);
        var xyt = file.Points.ToArray();
        var points = Enumerable.Range(0, file.Count).Select(n => new[] { xyt[3 * n + 2], xyt[3 * n], xyt[3 * n + 1] }).ToArray();
        var sites = new PointSet(points);
        using var generator = new torch.Generator((ulong)seed * 7919 + 29, torch.CPU);
        using var x = sites.Points(torch.float64, torch.CPU);
        using var noise = torch.randn([file.Count], torch.float64, generator: generator);
        return (sites, (Exact(x)[.., 0] + options.Noise * noise).DetachFromDisposeScope());
    }

    private static torch.Tensor Source(torch.Tensor p)
    {
        using var scope = torch.NewDisposeScope();
        var (sx, cx) = ((p[.., 1] * Math.PI).sin(), (p[.., 1] * Math.PI).cos());
        var (sy, cy) = ((p[.., 2] * Math.PI).sin(), (p[.., 2] * Math.PI).cos());
        var s = sx * sy;
        var pi2 = Math.PI * Math.PI;
        var f = p[.., 0].neg().exp() * ((4 * pi2 - 1) * s + pi2 * (2 * s.square() - cx.square() * sy.square() - sx.square() * cy.square()));
        return f.MoveToOuterDisposeScope();
    }

    private static torch.Tensor Exact(torch.Tensor p)
    {
        using var scope = torch.NewDisposeScope();
        var s = (p[.., 1] * Math.PI).sin() * (p[.., 2] * Math.PI).sin();
        return torch.stack([p[.., 0].neg().exp() * s, 2 + s], 1).MoveToOuterDisposeScope();
    }

    /// <summary>(u*, a*) [N, 2].</summary>
    public override torch.Tensor Solution(torch.Tensor x) => Exact(x);
}
