using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace Pinn.Fixtures.OutOfTreeOptimizer;

/// <summary>Options of the fixture optimizer.</summary>
public sealed record FixedStepDescentOptions : IValidatableOptions
{
    /// <summary>Step size, &gt; 0.</summary>
    public double Step { get; init; } = 1e-3;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Step > 0)) yield return new(nameof(Step), "must be > 0");
    }
}

/// <summary>Exports plain gradient descent under a name no in-tree plugin uses.</summary>
[Plugin(PluginKind.Optimizer, "fixture-descent", Description = "Test fixture: gradient descent with a fixed step")]
public sealed class FixedStepDescentFactory : OptimizerFactory<FixedStepDescentOptions>
{
    /// <inheritdoc />
    protected override IOptimizer Create(FixedStepDescentOptions options, OptimizerContext context) => new FixedStepDescent(options.Step);

    private sealed class FixedStepDescent(double step) : IOptimizer
    {
        public StepReport Step(IResidualModel model)
        {
            using var scope = torch.NewDisposeScope();
            var (loss, gradient) = model.LossAndGradient();
            model.AddToParameters(gradient, -step);
            return new StepReport(loss.Total, step);
        }

        public IReadOnlyDictionary<string, torch.Tensor> StateDict() => new Dictionary<string, torch.Tensor>();

        public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
        {
        }
    }
}
