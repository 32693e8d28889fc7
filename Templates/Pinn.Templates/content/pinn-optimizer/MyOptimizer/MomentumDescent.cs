using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace MyOptimizer;

/// <summary>
/// Heavy-ball momentum on the flat parameter vector θ [D]: v ← β·v + ∇L(θ), θ ← θ − η·v.
/// The velocity v [D] is the optimizer's state, saved in checkpoints so that a resumed run continues the same path.
/// </summary>
internal sealed class MomentumDescent(MomentumDescentOptions options, OptimizerContext context) : IOptimizer
{
    private torch.Tensor _velocity = torch.zeros(context.ParameterCount, dtype: context.Spec.DType, device: context.Spec.Device);

    /// <inheritdoc />
    public StepReport Step(IResidualModel model)
    {
        using var scope = torch.NewDisposeScope();
        var (loss, gradient) = model.LossAndGradient();
        var velocity = (_velocity * options.Momentum + gradient).DetachFromDisposeScope();
        _velocity.Dispose();
        _velocity = velocity;
        model.AddToParameters(_velocity, -options.Lr);
        return new StepReport(loss.Total, options.Lr) { ConditionLosses = loss.ByCondition };
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, torch.Tensor> StateDict()
        => new Dictionary<string, torch.Tensor> { ["velocity"] = _velocity.clone() };

    /// <inheritdoc />
    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
    {
        var velocity = state["velocity"].to(_velocity.dtype, _velocity.device).clone();
        _velocity.Dispose();
        _velocity = velocity;
    }
}
