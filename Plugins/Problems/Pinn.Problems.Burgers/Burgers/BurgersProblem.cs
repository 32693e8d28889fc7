using System.Globalization;
using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Reference;
using TorchSharp;

namespace Pinn.Problems.Burgers.Burgers;

/// <summary>
/// Viscous Burgers: ∂t u + u ∂x u − ν ∂xx u = 0 on (t, x) ∈ [0,1] × [−1,1], u(0, x) = −sin(πx),
/// u(t, ±1) = 0 (ν = 0.01/π in Raissi et al. and the SSBroyden and AMStramGRAM papers). Inputs are (t, x),
/// time first. No closed form: the reference is the Cole–Hopf solution by Gauss–Hermite quadrature
/// (<see cref="ColeHopfSolution"/>), kept on disk by <see cref="ReferenceCache"/>. With
/// <see cref="BurgersReference.Pinnacle"/> the host measures the error at the nodes of PINNacle's COMSOL reference
/// (<see cref="ReferenceData"/>), and against Cole–Hopf at the same nodes.
/// </summary>
internal sealed class BurgersProblem : PdeProblem, IReferenceDataProblem, IHardConstrainedProblem
{
    /// <summary>u = −sin(πx) + t(1 − x²)·N: the initial data, which vanish at x = ±1 as the boundary data do.</summary>
    public HardConstraint HardConstraint { get; } = new(["boundary", "initial"],
        x => x[.., 0..1] * (1 - x[.., 1..2].square()),
        x => -(x[.., 1..2] * Math.PI).sin());

    /// <summary>PINNacle's reference, shipped beside the assembly (Pinn.Problems.Burgers.csproj, <c>PinnacleData</c>).</summary>
    public const string PinnacleFile = "pinnacle/burgers1d.dat";

    /// <summary>The plugin name, also the cache file prefix.</summary>
    public const string Name = "burgers";

    private readonly BurgersOptions _options;
    private readonly string _cacheDirectory;
    private readonly Lazy<ColeHopfSolution> _reference;

    public BurgersProblem(BurgersOptions options, string cacheDirectory)
        : base(["t", "x"], new TimeSpaceProduct(0, 1, Interval.Of(-1, 1)))
    {
        _options = options;
        _cacheDirectory = cacheDirectory;
        _reference = new(() => new ColeHopfSolution(options.Viscosity, options.QuadratureNodes));
        if (options.Reference == BurgersReference.Pinnacle) ReferenceData = ReadPinnacle();
        var nu = options.Viscosity;
        var space = Interval.Of(-1, 1);
        var ut = PartialDerivative.Of(0);
        var ux = PartialDerivative.Of(1);
        var uxx = PartialDerivative.Of(1, 1);
        Conditions =
        [
            new Condition("interior", new TimeSpaceProduct(0, 1, space), DerivativeRequest.Of(PartialDerivative.Value, ut, ux, uxx),
                          i => i.Derivatives[ut] + i.Derivatives.Value * i.Derivatives[ux] - nu * i.Derivatives[uxx], DefaultPoints: 2000),
            new Condition("boundary", new TimeSpaceProduct(0, 1, new BoxBoundary(space)), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value, DefaultPoints: 100),
            new Condition("initial", new TimeSlice(0, space), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value + (i.Points[.., 1..2] * Math.PI).sin(), DefaultPoints: 100),
        ];
    }

    /// <summary>
    /// The cache key's option text: every option the reference values depend on, in round-trip format.
    /// </summary>
    public string ReferenceKey => string.Create(CultureInfo.InvariantCulture,
        $"viscosity={_options.Viscosity:R};quadratureNodes={_options.QuadratureNodes}");

    /// <summary>The Cole–Hopf solver behind <see cref="Solution"/>.</summary>
    public ColeHopfSolution ColeHopf => _reference.Value;

    /// <summary>PINNacle's COMSOL reference, (t, x) → u at 101 nodes × 11 times, when the options ask for it (null otherwise).</summary>
    public ReferenceData? ReferenceData { get; }

    /// <summary>PINNacle's <c>burgers1d.dat</c> as shipped beside this assembly: rows (t, x, u).</summary>
    public static ReferenceData ReadPinnacle()
        => ReferenceDataReader.ReadComsol(ReferenceDataReader.ShippedFile(typeof(BurgersProblem).Assembly, PinnacleFile),
                                          ["x"], outputCount: 1, timeDependent: true, timeFirst: true);

    /// <summary>The Cole–Hopf reference u*(t, x) [N, 1] at points [N, 2], read from the cache when computed before.</summary>
    public override torch.Tensor Solution(torch.Tensor x)
    {
        if (x.dim() != 2 || x.shape[1] != 2) throw new ArgumentException($"points: expected [N, 2], got [{string.Join(", ", x.shape)}]", nameof(x));
        var points = x.detach().to(torch.float64, torch.CPU).contiguous().data<double>().ToArray();
        var values = new ReferenceCache(_cacheDirectory).GetOrCompute(Name, ReferenceKey, points, 2, 1, ColeHopf.Values);
        return torch.tensor(values, [values.Length, 1], torch.float64, torch.CPU).to(x.dtype, x.device);
    }
}
