using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using Pinn.Problems.AllenCahn.Reference;
using TorchSharp;

namespace Pinn.Problems.AllenCahn.AllenCahn;

/// <summary>
/// ∂t u − ε ∂xx u = a(u − u³) on (t, x) ∈ [0,1] × [−1,1], u(t, ±1) = −1, u(0, x) = x² cos(πx)
/// (ε = 10⁻³, a = 5 in the ANaGRAM, AMStramGRAM and SSBroyden papers). Inputs are (t, x). No
/// closed form: <see cref="Solution"/> evaluates a Chebyshev–ETDRK4 reference, solved once per
/// problem on first use and kept on disk per set of points.
/// </summary>
internal sealed class AllenCahnProblem : PdeProblem, IHardConstrainedProblem
{
    /// <summary>u = x² cos(πx) + t(1 − x²)·N: the initial data, which is −1 at x = ±1 as the boundary data are.</summary>
    public HardConstraint HardConstraint { get; } = new(["boundary", "initial"],
        x => x[.., 0..1] * (1 - x[.., 1..2].square()),
        x => x[.., 1..2].square() * (x[.., 1..2] * Math.PI).cos());

    /// <summary>The plugin's name, also the reference cache's file prefix.</summary>
    public const string Name = "allen-cahn";

    /// <summary>The final time T = 1.</summary>
    public const double EndTime = 1.0;

    private readonly AllenCahnOptions _options;
    private readonly ReferenceCache _cache;
    private readonly Lazy<ReferenceSolution> _reference;

    /// <param name="options">ε, a and the reference solver's resolution.</param>
    /// <param name="cacheDirectory">Where reference values are kept (<see cref="ProblemContext.CacheDirectory"/>).</param>
    public AllenCahnProblem(AllenCahnOptions options, string cacheDirectory)
        : base(["t", "x"], new TimeSpaceProduct(0, EndTime, Interval.Of(-1, 1)))
    {
        _options = options;
        _cache = new ReferenceCache(cacheDirectory);
        _reference = new Lazy<ReferenceSolution>(
            () => AllenCahnReferenceSolver.Solve(options.Diffusivity, options.Reaction, options.ChebyshevDegree, options.TimeSteps, EndTime));
        var epsilon = options.Diffusivity;
        var a = options.Reaction;
        var space = Interval.Of(-1, 1);
        var u = PartialDerivative.Value;
        var ut = PartialDerivative.Of(0);
        var uxx = PartialDerivative.Of(1, 1);
        // Default point counts follow the ANaGRAM experiment: a 28 × 58 interior grid, 29 points on
        // each side x = ±1, 41 on the initial line.
        Conditions =
        [
            new Condition("interior", new TimeSpaceProduct(0, EndTime, space), DerivativeRequest.Of(u, ut, uxx),
                          i =>
                          {
                              var value = i.Derivatives.Value;
                              return i.Derivatives[ut] - epsilon * i.Derivatives[uxx] - a * (value - value.pow(3));
                          }, DefaultPoints: 1624),
            new Condition("boundary", new TimeSpaceProduct(0, EndTime, new BoxBoundary(space)), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value + 1, DefaultPoints: 58),
            new Condition("initial", new TimeSlice(0, space), DerivativeRequest.ValueOnly,
                          i =>
                          {
                              var x = i.Points[.., 1..2];
                              return i.Derivatives.Value - x.square() * (x * Math.PI).cos();
                          }, DefaultPoints: 41),
        ];
    }

    /// <summary>The reference solver's solution (solved on first use).</summary>
    internal ReferenceSolution Reference => _reference.Value;

    /// <summary>The cache the reference values are kept in.</summary>
    internal ReferenceCache Cache => _cache;

    /// <summary>The cache key of the options.</summary>
    internal string ReferenceKey => _options.ReferenceKey();

    /// <summary>The reference u at points x [N, 2] = (t, x) of [0,1] × [−1,1]; returns [N, 1] of x's dtype and device.</summary>
    public override torch.Tensor Solution(torch.Tensor x)
    {
        if (x.dim() != 2 || x.shape[1] != 2)
            throw new ArgumentException($"{Name}: points must be [N, 2] (t, x), got [{string.Join(", ", x.shape)}]", nameof(x));
        var count = x.shape[0];
        double[] points;
        using (torch.NewDisposeScope())
        using (torch.no_grad())
            points = x.detach().to(torch.float64, torch.CPU).contiguous().data<double>().ToArray();
        var values = _cache.GetOrCompute(Name, ReferenceKey, points, 2, 1, p => Reference.Evaluate(p));
        return torch.tensor(values, [count, 1], dtype: x.dtype, device: x.device);
    }
}
