using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Tensors;
using Pinn.Abstractions.Weighting;
using TorchSharp;

namespace Pinn.Tests.Weighting;

/// <summary>A weighting context whose every answer is given by the test, for checking a scheme's formula by hand.</summary>
internal sealed class GivenWeightingContext(long step, params string[] conditions) : IWeightingContext
{
    public TensorSpec Spec => TensorSpec.Float64Cpu;
    public long Step => step;
    public bool PointsChanged { get; init; }
    public IReadOnlyList<Condition> Conditions { get; init; } = conditions.Select(name =>
        new Condition(name, Interval.Of(0, 1), DerivativeRequest.ValueOnly, i => i.Derivatives.Value)).ToArray();
    public Dictionary<string, double> Lambda { get; init; } = conditions.ToDictionary(c => c, _ => 1.0);
    public IReadOnlyDictionary<string, double> Multipliers => Lambda;
    public Dictionary<string, double> Losses { get; init; } = [];
    public Dictionary<string, double[]> Gradients { get; init; } = [];
    public Dictionary<string, double> Traces { get; init; } = [];
    public Dictionary<string, double[,]> PointsOf { get; init; } = [];
    public Dictionary<string, double[]> Squares { get; init; } = [];
    public List<string> Asked { get; } = [];

    public double Loss(string condition) => Answer($"loss {condition}", Losses[condition]);
    public torch.Tensor Gradient(string condition) => Answer($"gradient {condition}", torch.tensor(Gradients[condition], torch.float64));
    public double KernelTrace(string condition, int maxPoints) => Answer($"trace {condition} {maxPoints}", Traces[condition]);
    public torch.Tensor Points(string condition) => Answer($"points {condition}", torch.tensor(PointsOf[condition], torch.float64));
    public torch.Tensor SquaredResiduals(string condition) => Answer($"squares {condition}", torch.tensor(Squares[condition], torch.float64));

    private T Answer<T>(string what, T value)
    {
        Asked.Add(what);
        return value;
    }
}
