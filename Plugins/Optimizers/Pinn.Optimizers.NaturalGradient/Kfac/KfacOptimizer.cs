using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using Pinn.Optimizers.NaturalGradient.LineSearch;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Kfac;

/// <summary>
/// KFAC for PINN losses (Dangel, Müller &amp; Zeinhofer 2024): Δ = −P⁻¹∇L with P the Kronecker-factored
/// Gramian of <see cref="KroneckerCurvature"/>, the direction δ̂ = Δ + µ δ_prev, and θ ← θ + α δ̂ with α from
/// the logarithmic grid line search; δ_prev ← α δ̂. The factors come from the engine's layer tapes, never
/// from a materialised J. A step that no α improves clears the momentum; ten in a row end the stage.
/// </summary>
internal sealed class KfacOptimizer(KfacOptions options, OptimizerContext context)
    : KroneckerOptimizer(new KroneckerCurvature(options.Ema, options.Damping, options.FactorInit, options.RefreshEvery), context)
{
    private const int MaxRejections = 10;
    private readonly LogarithmicGridLineSearch _lineSearch = new(options.LineSearchPoints, options.LineSearch);
    private int _rejections;

    public override StepReport Step(IResidualModel model)
    {
        using var scope = torch.NewDisposeScope();
        double loss;
        torch.Tensor gradient;
        using (var linearization = KfacLinearization.Of(model))
        {
            var r = linearization.Residuals;
            loss = 0.5 * r.dot(r).ToDouble();
            if (!double.IsFinite(loss)) return new StepReport(loss, 0) { StopReason = "non-finite loss" };
            if (UpdateCurvature(linearization) is { } failure) return new StepReport(loss, 0) { StopReason = failure };
            gradient = linearization.TransposeTimes(r);                                        // ∇L = Jᵀr
        }
        var combined = -Curvature.Precondition(gradient) + options.Momentum * Previous;        // δ̂ = Δ + µ δ_prev, Δ = −P⁻¹∇L
        var diagnostics = new Dictionary<string, double>();
        var slope = gradient.dot(combined).ToDouble();                                    // dL(θ + αδ̂)/dα at 0
        var step = _lineSearch.Step(model, -combined, loss, slope, diagnostics, "", out var alpha);    // the search walks along −d
        using (torch.no_grad()) Previous.copy_(combined * alpha);
        _rejections = alpha == 0 ? _rejections + 1 : 0;
        diagnostics["rejections"] = _rejections;
        return alpha == 0 && _rejections < MaxRejections && step.StopReason != "non-finite direction" ? step with { StopReason = null } : step;
    }

    protected override IEnumerable<(string Key, double Value)> ExtraState() => [("rejections", _rejections), ("lineSearchIndex", _lineSearch.PreviousIndex)];

    protected override void LoadExtraState(IReadOnlyDictionary<string, torch.Tensor> state)
    {
        _rejections = (int)state["rejections"].ToDouble();
        _lineSearch.PreviousIndex = (int)state["lineSearchIndex"].ToDouble();
    }
}
