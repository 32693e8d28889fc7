using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace Pinn.Fixtures.PrivateDependencies;

/// <summary>
/// Gradient descent with a fixed step that reports, in every step's diagnostics, which MathNet.Numerics and
/// Spectre.Console it runs with (major·100 + minor) and a value computed by each.
/// </summary>
[Plugin(PluginKind.Optimizer, "fixture-private-dependencies", Description = "Test fixture: carries MathNet.Numerics 4.15 and Spectre.Console 0.49")]
public sealed class PrivateDependenciesFactory : OptimizerFactory<NoOptions>
{
    /// <inheritdoc />
    protected override IOptimizer Create(NoOptions options, OptimizerContext context) => new Descent();

    private sealed class Descent : IOptimizer
    {
        public StepReport Step(IResidualModel model)
        {
            using var scope = torch.NewDisposeScope();
            var (loss, gradient) = model.LossAndGradient();
            model.AddToParameters(gradient, -0.1);
            return new StepReport(loss.Total, 0.1)
            {
                Diagnostics = new Dictionary<string, double>
                {
                    ["mathNetVersion"] = Version(typeof(MathNet.Numerics.SpecialFunctions)),
                    ["gammaOf4"] = MathNet.Numerics.SpecialFunctions.Gamma(4.0),
                    ["spectreVersion"] = Version(typeof(Spectre.Console.Color)),
                    ["redOfRed"] = Spectre.Console.Color.Red.R,
                },
            };
        }

        /// <summary>The file version of the assembly that defines <paramref name="type"/> (Spectre.Console's assembly version is 0.0.0.0).</summary>
        private static double Version(Type type)
            => System.Diagnostics.FileVersionInfo.GetVersionInfo(type.Assembly.Location) is { FileMajorPart: var major, FileMinorPart: var minor } ? major * 100 + minor : -1;

        public IReadOnlyDictionary<string, torch.Tensor> StateDict() => new Dictionary<string, torch.Tensor>();

        public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
        {
        }
    }
}
