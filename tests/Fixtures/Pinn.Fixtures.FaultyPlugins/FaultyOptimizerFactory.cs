using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace Pinn.Fixtures.FaultyPlugins;

/// <summary>Options of <c>fixture-faulty</c>.</summary>
public sealed record FaultyOptimizerOptions : IValidatableOptions
{
    /// <summary>Gradient-descent step size, &gt; 0.</summary>
    public double Lr { get; init; } = 1e-3;

    /// <summary><c>none</c>, <c>create</c> (the factory throws) or <c>step</c> (Step throws at <see cref="AtStep"/>).</summary>
    public string Fail { get; init; } = "none";

    /// <summary>The 1-based step whose Step throws.</summary>
    public int AtStep { get; init; } = 1;

    /// <summary>The name of the one diagnostic each step reports.</summary>
    public string DiagnosticKey { get; init; } = "fixture";

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Lr > 0)) yield return new(nameof(Lr), "must be > 0");
        if (Fail is not ("none" or "create" or "step")) yield return new(nameof(Fail), "must be none, create or step");
        if (AtStep < 1) yield return new(nameof(AtStep), "must be ≥ 1");
    }
}

/// <summary>Gradient descent that fails where its options say.</summary>
[Plugin(PluginKind.Optimizer, "fixture-faulty", Description = "Test fixture: gradient descent that throws in Create or in a chosen step")]
public sealed class FaultyOptimizerFactory : OptimizerFactory<FaultyOptimizerOptions>
{
    /// <inheritdoc />
    protected override IOptimizer Create(FaultyOptimizerOptions options, OptimizerContext context)
        => options.Fail == "create" ? throw new InvalidOperationException("fixture: Create fails on purpose") : new FaultyOptimizer(options);

    private sealed class FaultyOptimizer(FaultyOptimizerOptions options) : IOptimizer
    {
        private long _steps;

        public StepReport Step(IResidualModel model)
        {
            using var scope = torch.NewDisposeScope();
            if (options.Fail == "step" && ++_steps == options.AtStep) throw new InvalidOperationException($"fixture: step {_steps} fails on purpose");
            var (loss, gradient) = model.LossAndGradient();
            model.AddToParameters(gradient, -options.Lr);
            return new StepReport(loss.Total, options.Lr) { Diagnostics = new Dictionary<string, double> { [options.DiagnosticKey] = 1.5 } };
        }

        public IReadOnlyDictionary<string, torch.Tensor> StateDict() => new Dictionary<string, torch.Tensor>();

        public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
        {
        }
    }
}
