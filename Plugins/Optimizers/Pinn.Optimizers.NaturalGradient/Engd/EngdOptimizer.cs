using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using Pinn.Optimizers.NaturalGradient.LineSearch;
using Pinn.Optimizers.NaturalGradient.Spectral;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Engd;

/// <summary>
/// Energy natural gradient = Gauss–Newton: d = J⁺r, the minimum-norm least-squares solution of J d ≈ r,
/// then θ ← θ − α d with α from the logarithmic grid. The SVD route solves on J itself (the Gramian
/// JᵀJ squares the condition number and float64 keeps only about half its digits there).
/// </summary>
internal sealed class EngdOptimizer(EngdOptions options) : IOptimizer
{
    private readonly LogarithmicGridLineSearch _lineSearch = new(options.LineSearchPoints, options.LineSearch);

    public StepReport Step(IResidualModel model)
    {
        using var scope = torch.NewDisposeScope();
        using var at = LinearizedStep.At(model);
        if (at.NonFiniteLoss is { } stop) return stop;
        var (linearization, r, loss) = (at.Linearization, at.Residuals, at.Loss);
        var j = linearization.Dense();
        var (direction, diagnostics) = options.Solve == EngdSolve.Svd ? BySvd(j, r) : ByGramian(j, r);
        // ENGD keeps no state: after a rejected step the next one would be the same, so the reason stops the run.
        return _lineSearch.Step(model, direction, loss, diagnostics, "", out _);
    }

    /// <summary>d = V_k Σ_k⁻¹ U_kᵀ r over the singular values above rcond·σ_max.</summary>
    internal (torch.Tensor Direction, Dictionary<string, double> Diagnostics) BySvd(torch.Tensor j, torch.Tensor r)
    {
        using var svd = JacobianSvd.Of(j, r);
        var cutoff = options.Rcond * svd.Largest;
        var keep = svd.RankAbove(cutoff);
        return (svd.Truncated(keep), new()
        {
            ["rank"] = keep,
            ["cutoff"] = cutoff,
            ["condition"] = svd.Condition(keep),
        });
    }

    /// <summary>(JᵀJ + εI) d = Jᵀr by Cholesky.</summary>
    internal (torch.Tensor Direction, Dictionary<string, double> Diagnostics) ByGramian(torch.Tensor j, torch.Tensor r)
    {
        var gramian = j.t().matmul(j) + options.Damping * torch.eye(j.shape[1], dtype: j.dtype, device: j.device);
        var (factor, info) = torch.linalg.cholesky_ex(gramian);
        var direction = info.item<int>() == 0
            ? torch.cholesky_solve(j.t().matmul(r).unsqueeze(1), factor).squeeze(1)
            : torch.linalg.lstsq(gramian, j.t().matmul(r).unsqueeze(1)).Solution.squeeze(1);
        return (direction, new() { ["damping"] = options.Damping, ["choleskyFailed"] = info.item<int>() == 0 ? 0 : 1 });
    }

    public IReadOnlyDictionary<string, torch.Tensor> StateDict() => new Dictionary<string, torch.Tensor>();

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
    {
    }
}
