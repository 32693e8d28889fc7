using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using Pinn.Optimizers.NaturalGradient.Spectral;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.LevenbergMarquardt;

/// <summary>
/// Levenberg–Marquardt on J's thin SVD: d = V diag(σ/(σ² + λ)) Uᵀr and θ ← θ − d. The gain ratio
/// ρ = (L(θ) − L(θ − d)) / (predicted reduction of the linear model) drives λ by Nielsen's rule: accepted
/// (ρ > 0): λ ← λ·max(⅓, 1 − (2ρ − 1)³), ν ← 2; rejected: λ ← λ·ν, ν ← 2ν, and a new trial from the same
/// SVD (one loss evaluation each). A non-finite trial loss counts as rejected. λ is stored relative to σ_max².
/// </summary>
internal sealed class LevenbergMarquardtOptimizer(LevenbergMarquardtOptions options) : IOptimizer
{
    private double _damping = options.InitialDamping;
    private double _growth = 2;

    public StepReport Step(IResidualModel model)
    {
        using var scope = torch.NewDisposeScope();
        using var at = LinearizedStep.At(model);
        if (at.NonFiniteLoss is { } stop) return stop;
        var (linearization, r, loss) = (at.Linearization, at.Residuals, at.Loss);
        using var svd = JacobianSvd.Of(linearization.Dense(), r);
        var scale = svd.Largest * svd.Largest;
        if (scale == 0) return new StepReport(loss, 0) { StopReason = "the Jacobian is zero" };

        for (var trial = 1; trial <= options.MaxTrials; trial++)
        {
            var lambda = _damping * scale;
            using var inner = torch.NewDisposeScope();
            var direction = svd.Damped(lambda);
            var predicted = svd.PredictedReductionDamped(lambda);
            var trialLoss = model.LossesAlong(direction, [-1.0]).item<double>();
            var rho = double.IsFinite(trialLoss) && predicted > 0 ? (loss - trialLoss) / predicted : double.NegativeInfinity;
            var diagnostics = new Dictionary<string, double>
            {
                ["damping"] = _damping,
                ["lambda"] = lambda,
                ["rho"] = double.IsFinite(rho) ? rho : -1,
                ["trials"] = trial,
                ["condition"] = svd.Condition(svd.RankAbove(0)),
            };
            if (rho > 0)
            {
                model.AddToParameters(direction, -1);
                _damping = Math.Max(options.MinDamping, _damping * Math.Max(1.0 / 3, 1 - Math.Pow(2 * rho - 1, 3)));
                _growth = 2;
                return new StepReport(loss, 1) { Diagnostics = diagnostics };
            }
            _damping *= _growth;
            _growth *= 2;
            if (_damping > options.MaxDamping)
                return new StepReport(loss, 0) { Diagnostics = diagnostics, StopReason = $"damping above maxDamping {options.MaxDamping:G3} and still no step lowers the loss" };
        }
        return new StepReport(loss, 0) { Diagnostics = new Dictionary<string, double> { ["damping"] = _damping, ["trials"] = options.MaxTrials } };
    }

    public IReadOnlyDictionary<string, torch.Tensor> StateDict() => new Dictionary<string, torch.Tensor>
    {
        ["damping"] = torch.tensor(_damping, torch.float64),
        ["growth"] = torch.tensor(_growth, torch.float64),
    };

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
    {
        _damping = state["damping"].item<double>();
        _growth = state["growth"].item<double>();
    }
}
