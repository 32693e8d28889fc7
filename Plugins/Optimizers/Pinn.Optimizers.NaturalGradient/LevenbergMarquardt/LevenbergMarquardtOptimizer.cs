using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using Pinn.Optimizers.NaturalGradient.Damping;
using Pinn.Optimizers.NaturalGradient.Spectral;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.LevenbergMarquardt;

/// <summary>
/// Levenberg–Marquardt on J's thin SVD: d = V diag(σ/(σ² + λ)) Uᵀr and θ ← θ − d, λ = µ·σ_max² adapted by the
/// gain ratio (<see cref="AdaptiveDamping"/>, <see cref="TrustRegionStep"/>).
/// </summary>
internal sealed class LevenbergMarquardtOptimizer(LevenbergMarquardtOptions options) : IOptimizer
{
    private readonly AdaptiveDamping _damping = new(options.InitialDamping);
    private readonly TrustRegionStep _trustRegion = new(options.MaxTrials, options.MinDamping, options.MaxDamping);

    public StepReport Step(IResidualModel model)
    {
        using var scope = torch.NewDisposeScope();
        using var at = LinearizedStep.At(model);
        if (at.NonFiniteLoss is { } stop) return stop;
        using var svd = JacobianSvd.Of(at.Linearization.Dense(), at.Residuals);
        var diagnostics = new Dictionary<string, double> { ["condition"] = svd.Condition(svd.RankAbove(0)) };
        return _trustRegion.Take(model, at.Loss, svd, _damping, diagnostics);
    }

    public IReadOnlyDictionary<string, torch.Tensor> StateDict()
    {
        var state = new Dictionary<string, torch.Tensor>();
        _damping.SaveTo(state);
        return state;
    }

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state) => _damping.LoadFrom(state);
}
