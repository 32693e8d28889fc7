using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Models;
using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Tensors;
using Pinn.Host.Plugins;
using Pinn.Host.Training;
using TorchSharp;

namespace Pinn.Host.Benchmarks;

/// <summary>One measurement of <c>pinn bench operators</c>.</summary>
/// <param name="Case">The quantity and size, e.g. <c>laplacian d=10</c>, <c>derivative k=6</c>.</param>
/// <param name="Engine">The engine's plugin name.</param>
/// <param name="Mode"><c>forward</c> (the quantity, no parameter graph) or <c>forward+backward</c> (and the
/// gradient of its mean square with respect to every weight).</param>
/// <param name="Ms">Median milliseconds per call.</param>
/// <param name="MinMs">Fastest call.</param>
/// <param name="MaxMs">Slowest call.</param>
/// <param name="RatioVsAutodiff">Speed-up over autodiff in the same case and mode: autodiff ms / this ms (&gt; 1 is faster).</param>
internal sealed record OperatorMeasurement(string Case, string Engine, string Mode, double Ms, double MinMs, double MaxMs, double RatioVsAutodiff);

/// <summary>A benchmark case: a network shape, a point count and the quantity to compute.</summary>
internal sealed record OperatorCase(string Name, int[] Widths, int Points, DerivativeKey Quantity, string[] Engines);

/// <summary>
/// Times every engine on the same network, points and dtype (float64) in one process: each engine's
/// calls back to back after its own warm-up, medians over repeats, ratios against autodiff.
/// </summary>
internal sealed class OperatorBenchmark(PluginCatalog catalog, int warmup, int repeats)
{
    /// <summary>The cases of the engines issue: Laplacians at d = 2, 10, 100 on d→256→256→128→128→1 and
    /// k-th derivatives k = 1..8 on 1→64→64→64→1.</summary>
    public static IReadOnlyList<OperatorCase> DefaultCases()
    {
        var cases = new List<OperatorCase>();
        foreach (var d in new[] { 2, 10, 100 })
            cases.Add(new OperatorCase($"laplacian d={d}", [d, 256, 256, 128, 128, 1], d == 100 ? 200 : 1000, LaplacianOperator.AllAxes,
                                       ["autodiff", "forward-laplacian"]));
        for (var k = 1; k <= 8; k++)
            cases.Add(new OperatorCase($"derivative k={k}", [1, 64, 64, 64, 1], 1000, PartialDerivative.Of(new int[k]),
                                       k <= 2 ? ["autodiff", "forward-laplacian", "n-tangentprop"] : ["autodiff", "n-tangentprop"]));
        return cases;
    }

    public IEnumerable<OperatorMeasurement> Run(IEnumerable<OperatorCase> cases, Action<string> progress)
    {
        foreach (var c in cases)
        {
            var spec = TensorSpec.Float64Cpu;
            using var net = new Mlp(c.Widths[0], c.Widths[1..^1], c.Widths[^1], new TanhActivation(), spec);
            using (var g = new torch.Generator(0, torch.CPU)) net.Initialize(Initialization.GlorotNormal, 1, g);
            using var x = torch.rand([c.Points, c.Widths[0]], torch.float64, generator: new torch.Generator(1, torch.CPU));
            var request = DerivativeRequest.Of(c.Quantity);
            foreach (var mode in new[] { "forward", "forward+backward" })
            {
                double? autodiff = null;
                foreach (var engineName in c.Engines)
                {
                    var engine = Engine(engineName);
                    progress($"{c.Name}  {engineName}  {mode}");
                    // Timed as the training loop runs a step: with its native-memory guard after the call.
                    var memory = new NativeMemoryGuard();
                    var timing = Timing.Measure(() =>
                    {
                        Call(engine, net, x, request, c.Quantity, mode == "forward+backward");
                        memory.AfterStep();
                    }, warmup, repeats);
                    autodiff ??= engineName == "autodiff" ? timing.Median : throw new InvalidOperationException("autodiff must come first");
                    yield return new OperatorMeasurement(c.Name, engineName, mode, timing.Median, timing.Min, timing.Max, autodiff.Value / timing.Median);
                }
            }
        }
    }

    private static void Call(IDerivativeEngine engine, Mlp net, torch.Tensor x, DerivativeRequest request, DerivativeKey key, bool backward)
    {
        using var scope = torch.NewDisposeScope();
        var q = engine.Evaluate(net, x, request, differentiable: backward)[key];
        if (!backward)
        {
            _ = q.sum().ToDouble();
            return;
        }
        // A derivative does not depend on the output bias: tie every weight in with a zero coefficient,
        // since autograd.grad on an unused input is a libtorch error that aborts the process.
        var parameters = net.Parameters.ToArray();
        var loss = q.square().mean() + parameters.Select(p => p.sum()).Aggregate((a, b) => a + b) * 0.0;
        var grads = torch.autograd.grad([loss], parameters);
        _ = grads[0].sum().ToDouble();
    }

    private IDerivativeEngine Engine(string name)
    {
        var plugin = catalog.Find(PluginKind.Engine, name).FirstOrDefault()
                     ?? throw new InvalidOperationException($"engine plugin '{name}' not found (available: {string.Join(", ", catalog.Names(PluginKind.Engine))})");
        var options = plugin.Factory.ParseOptions(null).Options!;
        return ((IEngineFactory)plugin.Factory).Create(options, new EngineContext(TensorSpec.Float64Cpu));
    }
}
