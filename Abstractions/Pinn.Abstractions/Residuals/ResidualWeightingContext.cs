using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Tensors;
using Pinn.Abstractions.Weighting;
using TorchSharp;

namespace Pinn.Abstractions.Residuals;

/// <summary>A <see cref="ResidualModel"/> as a loss-weighting scheme sees it; the losses are measured once per context.</summary>
internal sealed class ResidualWeightingContext(ResidualModel model, long step, bool pointsChanged) : IWeightingContext
{
    private readonly Dictionary<string, double> _losses = [];

    public TensorSpec Spec => model.Spec;

    public long Step => step;

    public bool PointsChanged => pointsChanged;

    public IReadOnlyList<Condition> Conditions => model.Conditions;

    public IReadOnlyDictionary<string, double> Multipliers => model.Multipliers.ToDictionary();

    public double Loss(string condition)
    {
        if (_losses.TryGetValue(condition, out var loss)) return loss;
        using var squares = model.ConditionSquaredResiduals(condition);
        return _losses[condition] = 0.5 * squares.mean().ToDouble();
    }

    public torch.Tensor Gradient(string condition) => model.ConditionGradient(condition);

    public double KernelTrace(string condition, int maxPoints) => model.ConditionKernelTrace(condition, maxPoints);

    public torch.Tensor Points(string condition) => model.Points(condition).clone();

    public torch.Tensor SquaredResiduals(string condition) => model.ConditionSquaredResiduals(condition);
}
