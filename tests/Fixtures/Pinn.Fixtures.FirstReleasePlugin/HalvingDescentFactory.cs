using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace Pinn.Fixtures.FirstReleasePlugin;

/// <summary>Options of the fixture optimizer.</summary>
public sealed record HalvingDescentOptions : IValidatableOptions
{
    /// <summary>First step size, &gt; 0.</summary>
    public double Step { get; init; } = 0.1;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Step > 0)) yield return new(nameof(Step), "must be > 0");
    }
}

/// <summary>
/// Gradient descent that halves its step until the loss decreases, written against Pinn.Abstractions 1.0: it uses
/// members of 1.0 that later versions superseded (Activation.Derivative, TensorSpec.Scalar, DerivativeRequest.Union).
/// </summary>
[Plugin(PluginKind.Optimizer, "fixture-first-release", Description = "Test fixture: built against Pinn.Abstractions 1.0.0")]
public sealed class HalvingDescentFactory : OptimizerFactory<HalvingDescentOptions>
{
    /// <inheritdoc />
    protected override IOptimizer Create(HalvingDescentOptions options, OptimizerContext context) => new HalvingDescent(options.Step, context);

    private sealed class HalvingDescent(double step, OptimizerContext context) : IOptimizer
    {
        public StepReport Step(IResidualModel model)
        {
            using var scope = torch.NewDisposeScope();
            var (loss, gradient) = model.LossAndGradient();
            // 1.0 members, still there: σ'(0) = 1 for tanh, a 0-d tensor of the run's dtype, the union of two requests.
            var slope = Pinn.Abstractions.Models.Activation.FromName("tanh").Derivative(context.Spec.Scalar(0.0), 1).item<double>();
            var request = Pinn.Abstractions.Derivatives.DerivativeRequest.ValueOnly.Union(Pinn.Abstractions.Derivatives.DerivativeRequest.ValueOnly);
            var alphas = Enumerable.Range(0, 12).Select(k => step * slope * Math.Pow(0.5, k) * request.Keys.Count).ToArray();
            var along = model.LossesAlong(-gradient, alphas).data<double>().ToArray();
            var best = Array.IndexOf(along, along.Min());
            if (!(along[best] < loss.Total)) return new StepReport(loss.Total, 0.0);
            model.AddToParameters(gradient, -alphas[best]);
            return new StepReport(loss.Total, alphas[best]);
        }

        public IReadOnlyDictionary<string, torch.Tensor> StateDict() => new Dictionary<string, torch.Tensor>();

        public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
        {
        }
    }
}
