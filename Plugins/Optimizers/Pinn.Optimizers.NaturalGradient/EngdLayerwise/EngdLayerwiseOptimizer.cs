using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using Pinn.Optimizers.NaturalGradient.Engd;
using Pinn.Optimizers.NaturalGradient.LineSearch;
using Pinn.Optimizers.NaturalGradient.Spectral;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.EngdLayerwise;

/// <summary>
/// Layer-wise ENGD: the Gramian G = JᵀJ replaced by its diagonal blocks G_l = J_lᵀJ_l, one per parameter
/// group (a layer's weight and bias), so d_l = G_l⁺ J_lᵀ r for each group independently — by the damped
/// Gramian (published) or by J_l⁺ r on the block itself. Then the logarithmic grid line search on the
/// concatenated direction. Cheaper than full ENGD when D is large (blocks of size D_l instead of D).
/// </summary>
internal sealed class EngdLayerwiseOptimizer(EngdLayerwiseOptions options, IReadOnlyList<ParameterGroup> groups) : IOptimizer
{
    private readonly LogarithmicGridLineSearch _lineSearch = new(options.LineSearchPoints, options.LineSearch);
    private readonly EngdOptimizer _blockSolver = new(new EngdOptions { Solve = options.Solve, Rcond = options.Rcond, Damping = options.Damping });

    public StepReport Step(IResidualModel model)
    {
        using var scope = torch.NewDisposeScope();
        using var at = LinearizedStep.At(model);
        if (at.NonFiniteLoss is { } stop) return stop;
        var (linearization, r, loss) = (at.Linearization, at.Residuals, at.Loss);
        var j = linearization.Dense();
        var diagnostics = new Dictionary<string, double>();
        var parts = new List<torch.Tensor>();
        foreach (var group in groups)
        {
            var block = j.narrow(1, group.Offset, group.Length);
            var (part, blockDiagnostics) = options.Solve == EngdSolve.Svd ? _blockSolver.BySvd(block, r) : _blockSolver.ByGramian(block, r);
            parts.Add(part);
            foreach (var (key, value) in blockDiagnostics) diagnostics[$"{group.Name}.{key}"] = value;
        }
        var direction = torch.cat(parts, 0);
        var slope = options.LineSearch == LineSearchMode.Parabolic ? at.SlopeAlong(direction) : double.NaN;
        return _lineSearch.Step(model, direction, loss, slope, diagnostics, "", out _);
    }

    public IReadOnlyDictionary<string, torch.Tensor> StateDict() => new Dictionary<string, torch.Tensor>();

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
    {
    }
}
