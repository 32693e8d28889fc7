using Pinn.Abstractions.Weighting;
using TorchSharp;

namespace Pinn.Weighting.Standard.Schedule;

/// <summary>Condition losses remembered from an earlier update, in the problem's condition order, kept in checkpoints.</summary>
internal sealed class LossHistory(string name)
{
    /// <summary>The losses, or null before the first update.</summary>
    public double[]? Values { get; set; }

    /// <summary>The current losses of every condition, in order.</summary>
    public static double[] Measure(IWeightingContext context) => context.Conditions.Select(c => context.Loss(c.Name)).ToArray();

    public void WriteTo(Dictionary<string, torch.Tensor> state)
    {
        if (Values is { } v) state[name] = torch.tensor(v, torch.float64);
    }

    public void ReadFrom(IReadOnlyDictionary<string, torch.Tensor> state)
    {
        Values = state.TryGetValue(name, out var t) ? t.to(torch.float64).data<double>().ToArray() : null;
    }
}
