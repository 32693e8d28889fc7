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

    /// <summary><c>none</c>, <c>create</c> (the factory throws), <c>step</c> (Step throws at <see cref="AtStep"/>) or
    /// <c>autograd</c> (Step changes a tensor autograd saved in place and calls backward at <see cref="AtStep"/>: backward
    /// throws), <c>backward-throws</c> (a custom autograd function whose backward throws) or <c>backward-shape</c> (one
    /// whose backward returns a gradient of the wrong shape); the last two abort the process inside libtorch.</summary>
    public string Fail { get; init; } = "none";

    /// <summary>The 1-based step whose Step throws.</summary>
    public int AtStep { get; init; } = 1;

    /// <summary>The name of the one diagnostic each step reports.</summary>
    public string DiagnosticKey { get; init; } = "fixture";

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(Lr > 0)) yield return new(nameof(Lr), "must be > 0");
        if (Fail is not ("none" or "create" or "step" or "autograd" or "backward-throws" or "backward-shape"))
            yield return new(nameof(Fail), "must be none, create, step, autograd, backward-throws or backward-shape");
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
            ++_steps;
            if (options.Fail == "step" && _steps == options.AtStep) throw new InvalidOperationException($"fixture: step {_steps} fails on purpose");
            if (options.Fail == "autograd" && _steps == options.AtStep)
            {
                var x = torch.ones(3, dtype: torch.float64, requires_grad: true);
                var y = x.exp();   // exp saves its output for backward
                y.add_(1.0);       // so changing it in place breaks the graph
                y.sum().backward();
            }
            if (options.Fail is "backward-throws" or "backward-shape" && _steps == options.AtStep)
            {
                var x = torch.ones(3, dtype: torch.float64, requires_grad: true);
                BrokenBackward.apply(x, options.Fail)[0].sum().backward();
            }
            var (loss, gradient) = model.LossAndGradient();
            model.AddToParameters(gradient, -options.Lr);
            return new StepReport(loss.Total, options.Lr) { Diagnostics = new Dictionary<string, double> { [options.DiagnosticKey] = 1.5 } };
        }

        public IReadOnlyDictionary<string, torch.Tensor> StateDict() => new Dictionary<string, torch.Tensor>();

        /// <summary>The identity, with a backward that throws or returns a gradient of the wrong shape.</summary>
        private sealed class BrokenBackward : torch.autograd.MultiTensorFunction<BrokenBackward>
        {
            public override string Name => "FixtureBrokenBackward";

            public override List<torch.Tensor> forward(torch.autograd.AutogradContext ctx, params object[] vars)
            {
                ctx.save_data("fault", vars[1]);
                return [((torch.Tensor)vars[0]).clone()];
            }

            public override List<torch.Tensor> backward(torch.autograd.AutogradContext ctx, List<torch.Tensor> grads)
                => (string)ctx.get_data("fault") == "backward-throws"
                    ? throw new InvalidOperationException("fixture: backward fails on purpose")
                    : [torch.ones(7, dtype: torch.float64), null!];
        }

        public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
        {
        }
    }
}
