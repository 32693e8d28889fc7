using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Kfac;

/// <summary>
/// KFAC* (Martens &amp; Grosse's automatic step size and momentum, as in Dangel, Müller &amp; Zeinhofer 2024): with
/// Δ = −P⁻¹∇L from the KFAC curvature and δ₀ the previous step, the step δ = αΔ + µδ₀ minimises the quadratic
/// model ½δᵀ(G + λI)δ + ∇Lᵀδ with the exact Gramian G = JᵀJ, through two products JΔ and Jδ₀ from the tapes
/// (<see cref="QuadraticModel"/>). The first step (δ₀ = 0) solves for α alone. There is no line search: θ ← θ + δ.
/// Beyond the paper, a guard for the steps the quadratic model mispredicts (far from the linear regime, with a curvature
/// still near its initial value): a step after which the loss on the same points rises above <c>revertAbove</c> times the
/// loss before it (or is not finite) is undone at the next call, before the curvature sees the point; the momentum is
/// cleared and later steps are scaled by s, halved at each undone step and doubled (up to 1) at each step that holds.
/// </summary>
internal sealed class KfacStarOptimizer(KfacStarOptions options, OptimizerContext context)
    : KroneckerOptimizer(new KroneckerCurvature(options.Ema, options.Damping, options.FactorInit, options.RefreshEvery), context)
{
    private const int MaxReverts = 10;
    private double _lastLoss = double.NaN;     // the loss before the last step taken (NaN: none to judge)
    private IReadOnlyList<ResidualBlock>? _lastBlocks;   // the points it was measured on (a new list when they change)
    private int _reverts;                      // steps undone with no step holding in between
    private double _scale = 1;                 // s

    public override StepReport Step(IResidualModel model)
    {
        using var scope = torch.NewDisposeScope();
        double loss, alpha, mu;
        torch.Tensor step;
        using (var linearization = KfacLinearization.Of(model))
        {
            var r = linearization.Residuals;
            loss = 0.5 * r.dot(r).ToDouble();
            if (!double.IsNaN(_lastLoss) && ReferenceEquals(model.Blocks, _lastBlocks))
            {
                if (!(loss <= options.RevertAbove * _lastLoss)) return Revert(model, loss);
                _reverts = 0;                                                                 // the last step held
                _scale = Math.Min(1, 2 * _scale);
            }
            if (!double.IsFinite(loss)) return new StepReport(loss, 0) { StopReason = "non-finite loss" };
            _lastLoss = loss;
            _lastBlocks = model.Blocks;
            if (UpdateCurvature(linearization) is { } failure) return new StepReport(loss, 0) { StopReason = failure };
            var gradient = linearization.TransposeTimes(r);
            var direction = -Curvature.Precondition(gradient);
            (alpha, mu) = QuadraticModel.Minimise(linearization, gradient, direction, Previous, options.Damping);
            step = _scale * (alpha * direction + mu * Previous);
        }
        if (!torch.isfinite(step).all().item<bool>())
            return new StepReport(loss, 0) { StopReason = "non-finite step" };
        model.AddToParameters(step, 1);
        using (torch.no_grad()) Previous.copy_(step);
        return new StepReport(loss, _scale * alpha) { Diagnostics = new Dictionary<string, double> { ["alpha"] = alpha, ["mu"] = mu, ["scale"] = _scale } };
    }

    /// <summary>θ ← θ − δ_prev, δ_prev ← 0, s ← s/2; the step from the restored point is judged by the call after it.</summary>
    private StepReport Revert(IResidualModel model, double loss)
    {
        model.AddToParameters(Previous, -1);
        using (torch.no_grad()) Previous.zero_();
        _lastLoss = double.NaN;
        _reverts++;
        _scale /= 2;
        var diagnostics = new Dictionary<string, double> { ["reverted"] = 1, ["reverts"] = _reverts, ["scale"] = _scale };
        return new StepReport(loss, 0)
        {
            Diagnostics = diagnostics,
            StopReason = _reverts >= MaxReverts ? $"{MaxReverts} steps in a row raised the loss above {options.RevertAbove} times the loss before them" : null,
        };
    }

    /// <summary>The guard's state. The host sets the points anew on resume, so the first step after a resume is not judged.</summary>
    protected override IEnumerable<(string Key, double Value)> ExtraState() => [("lastLoss", _lastLoss), ("reverts", _reverts), ("stepScale", _scale)];

    protected override void LoadExtraState(IReadOnlyDictionary<string, torch.Tensor> state)
    {
        _lastLoss = state["lastLoss"].ToDouble();
        _reverts = (int)state["reverts"].ToDouble();
        _scale = state["stepScale"].ToDouble();
    }
}
