using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using Pinn.Optimizers.FirstOrder.Clipping;
using TorchSharp;

namespace Pinn.Optimizers.FirstOrder.Sgd;

/// <summary>Gradient descent with heavy-ball or Nesterov momentum, PyTorch's convention: b ← µb + g, θ ← θ − lr·b.</summary>
internal sealed class SgdOptimizer(SgdOptions options, OptimizerContext context) : IOptimizer
{
    private readonly torch.Tensor _buffer = torch.zeros(context.ParameterCount, context.Spec.DType, context.Spec.Device);

    public StepReport Step(IResidualModel model)
    {
        using var scope = torch.NewDisposeScope();
        var (loss, gradient) = model.LossAndGradient();
        if (!double.IsFinite(loss.Total) || !torch.isfinite(gradient).all().item<bool>())
            return new StepReport(loss.Total, 0) { StopReason = "non-finite loss or gradient" };
        var diagnostics = new Dictionary<string, double>();
        gradient = GradientClipping.Clip(gradient, options.ClipNorm, diagnostics);
        var direction = gradient;
        if (options.Momentum > 0)
        {
            _buffer.mul_(options.Momentum).add_(gradient);
            direction = options.Nesterov ? gradient + options.Momentum * _buffer : _buffer;
        }
        model.AddToParameters(direction, -options.Lr);
        return new StepReport(loss.Total, options.Lr) { ConditionLosses = loss.ByCondition, Diagnostics = diagnostics };
    }

    public IReadOnlyDictionary<string, torch.Tensor> StateDict() => new Dictionary<string, torch.Tensor> { ["momentum"] = _buffer.clone() };

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
    {
        using var noGrad = torch.no_grad();
        _buffer.copy_(state["momentum"]);
    }
}
