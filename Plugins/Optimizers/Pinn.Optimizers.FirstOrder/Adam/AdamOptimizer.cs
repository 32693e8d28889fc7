using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using Pinn.Optimizers.FirstOrder.Clipping;
using TorchSharp;

namespace Pinn.Optimizers.FirstOrder.Adam;

/// <summary>Adam (Kingma &amp; Ba) on the flat parameter vector, with bias-corrected moments.</summary>
internal sealed class AdamOptimizer(AdamOptions options, OptimizerContext context) : IOptimizer
{
    private readonly torch.Tensor _m = torch.zeros(context.ParameterCount, context.Spec.DType, context.Spec.Device);
    private readonly torch.Tensor _v = torch.zeros(context.ParameterCount, context.Spec.DType, context.Spec.Device);
    private long _step;

    public StepReport Step(IResidualModel model)
    {
        using var scope = torch.NewDisposeScope();
        var (loss, gradient) = model.LossAndGradient();
        if (!double.IsFinite(loss.Total) || !torch.isfinite(gradient).all().item<bool>())
            return new StepReport(loss.Total, 0) { StopReason = "non-finite loss or gradient" };
        var diagnostics = new Dictionary<string, double>();
        gradient = GradientClipping.Clip(gradient, options.ClipNorm, diagnostics);
        _step++;
        _m.mul_(options.Beta1).add_(gradient, 1 - options.Beta1);
        _v.mul_(options.Beta2).addcmul_(gradient, gradient, 1 - options.Beta2);
        var firstCorrection = 1 - Math.Pow(options.Beta1, _step);
        var secondCorrection = 1 - Math.Pow(options.Beta2, _step);
        var denominator = (_v / secondCorrection).sqrt_().add_(options.Eps);
        var update = _m / denominator;
        model.AddToParameters(update, -options.Lr / firstCorrection);
        return new StepReport(loss.Total, options.Lr) { ConditionLosses = loss.ByCondition, Diagnostics = diagnostics };
    }

    public IReadOnlyDictionary<string, torch.Tensor> StateDict() => new Dictionary<string, torch.Tensor>
    {
        ["m"] = _m.clone(),
        ["v"] = _v.clone(),
        ["step"] = torch.tensor(_step),
    };

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
    {
        using var noGrad = torch.no_grad();
        _m.copy_(state["m"]);
        _v.copy_(state["v"]);
        _step = state["step"].item<long>();
    }
}
