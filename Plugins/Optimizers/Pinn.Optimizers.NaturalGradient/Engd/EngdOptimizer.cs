using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using Pinn.Optimizers.NaturalGradient.LineSearch;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Engd;

/// <summary>
/// Energy natural gradient = Gauss–Newton: d = J⁺r, the minimum-norm least-squares solution of J d ≈ r,
/// then θ ← θ − α d with α from the logarithmic grid. The SVD route solves on J itself (the Gramian
/// JᵀJ squares the condition number and float64 keeps only about half its digits there).
/// </summary>
internal sealed class EngdOptimizer(EngdOptions options) : IOptimizer
{
    private readonly LogarithmicGridLineSearch _lineSearch = new(options.LineSearchPoints);

    public StepReport Step(IResidualModel model)
    {
        using var scope = torch.NewDisposeScope();
        using var linearization = model.Linearize();
        var r = linearization.Residuals;
        var loss = 0.5 * r.dot(r).item<double>();
        var j = linearization.Dense();
        var (direction, diagnostics) = options.Solve == EngdSolve.Svd ? BySvd(j, r) : ByGramian(j, r);
        if (!torch.isfinite(direction).all().item<bool>())
            return new StepReport(loss, 0) { Diagnostics = diagnostics, StopReason = "non-finite Gauss–Newton direction" };
        var (alpha, _) = _lineSearch.Search(model, direction, loss);
        diagnostics["alpha"] = alpha;
        // ENGD keeps no state: after a rejected step the next one would be the same, so stop.
        if (alpha == 0) return new StepReport(loss, 0) { Diagnostics = diagnostics, StopReason = "no step size on the grid lowers the loss" };
        model.AddToParameters(direction, -alpha);
        return new StepReport(loss, alpha) { Diagnostics = diagnostics };
    }

    /// <summary>d = V_k Σ_k⁻¹ U_kᵀ r over the singular values above rcond·σ_max.</summary>
    internal (torch.Tensor Direction, Dictionary<string, double> Diagnostics) BySvd(torch.Tensor j, torch.Tensor r)
    {
        var (u, s, vh) = torch.linalg.svd(j, fullMatrices: false);
        var cutoff = options.Rcond * s[0].item<double>();
        var keep = (int)(s > cutoff).sum().item<long>();
        if (keep == 0) return (torch.zeros(j.shape[1], j.dtype, j.device), new() { ["rank"] = 0, ["cutoff"] = cutoff });
        var coefficients = u[.., ..keep].t().matmul(r) / s[..keep];
        var direction = vh[..keep].t().matmul(coefficients);
        return (direction, new()
        {
            ["rank"] = keep,
            ["cutoff"] = cutoff,
            ["condition"] = s[0].item<double>() / s[keep - 1].item<double>(),
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
