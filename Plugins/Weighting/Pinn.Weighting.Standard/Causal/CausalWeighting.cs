using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Weighting;
using TorchSharp;

namespace Pinn.Weighting.Standard.Causal;

/// <summary>
/// Causal training (Wang, Sankaran &amp; Perdikaris 2022): the time interval [t0, t1] of the condition is cut into S equal
/// slices; with L_k the mean squared residual (w_c Σ_comp ε²) of the points in slice k, every point of slice i is weighted
/// w_i = exp(−ε Σ_{k&lt;i} L_k), so a slice enters the loss only once the slices before it are resolved. Recomputed every
/// k steps and whenever the points change. Logs the smallest weight (<c>minWeight</c>, that of the last slice with points):
/// once it nears 1 the whole interval trains.
/// </summary>
internal sealed class CausalWeighting(CausalOptions options, Condition condition, double start, double end) : ILossWeighting
{
    public WeightUpdate? Update(IWeightingContext context)
    {
        if (context.Step % options.Every != 0 && !context.PointsChanged) return null;
        using var scope = torch.NewDisposeScope();
        var slice = Slices(context.Points(condition.Name));
        var squares = context.SquaredResiduals(condition.Name);
        var weights = SliceWeights(slice, squares, options.Slices, options.Epsilon, context.Spec.DType);
        var pointWeights = weights.index_select(0, slice);
        var diagnostics = new Dictionary<string, double> { ["minWeight"] = pointWeights.min().ToDouble() };
        return new WeightUpdate(PointWeights: new Dictionary<string, torch.Tensor> { [condition.Name] = pointWeights.MoveToOuterDisposeScope() },
                                Diagnostics: diagnostics);
    }

    /// <summary>The slice [N] (int64, 0 … S − 1) of each point from its time, column 0 of x [N, d].</summary>
    private torch.Tensor Slices(torch.Tensor x)
        => ((x[.., 0] - start) / (end - start) * options.Slices).floor().clamp(0, options.Slices - 1).to(torch.int64);

    /// <summary>w [S]: w_i = exp(−ε Σ_{k&lt;i} L_k), L_k the mean of <paramref name="squares"/> [N] over slice k's points (0 for an empty slice).</summary>
    internal static torch.Tensor SliceWeights(torch.Tensor slice, torch.Tensor squares, int slices, double epsilon, torch.ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        var sums = torch.zeros(slices, dtype, squares.device).index_add_(0, slice, squares.to(dtype), 1.0);
        var counts = torch.zeros(slices, dtype, squares.device).index_add_(0, slice, torch.ones_like(squares, dtype), 1.0);
        var losses = sums / counts.clamp_min(1);
        var before = losses.cumsum(0) - losses;
        return (before * -epsilon).exp().MoveToOuterDisposeScope();
    }

    public IReadOnlyDictionary<string, torch.Tensor> StateDict() => new Dictionary<string, torch.Tensor>();

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state) { }
}
