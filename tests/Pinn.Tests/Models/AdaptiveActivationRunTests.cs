using System.Text.Json.Nodes;
using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Models;

/// <summary>
/// <c>"model": { "adaptiveActivation": … }</c> end to end: the slopes train with the weights and improve heat1d under
/// Levenberg–Marquardt, a resumed run follows the uninterrupted one exactly, PyTorch reproduces the exported network, and
/// bad values are manifest errors naming the field.
/// </summary>
public sealed class AdaptiveActivationRunTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static string Manifest(int steps, string optimizer = "levenberg-marquardt", string adaptive = """{ "scope": "layer" }""")
        => ShortRun.Heat1dManifest($"\"adaptiveActivation\": {adaptive}", steps, optimizer);

    [Fact]
    public void Heat1d_with_a_trained_slope_reaches_the_exact_solution()
    {
        using var run = new TemporaryDirectory();
        var summary = ShortRun.In(host, Manifest(100), run.Path);
        summary.RelL2!.Value.ShouldBeLessThan(1.5e-3, summary.StoppedBecause);          // 7.8e-4 measured; 2.6e-3 without slopes
        var (_, tensors) = Checkpoint.Read(run.Combine("checkpoint.bin"));
        Math.Abs(tensors["network.slopes.0"].item<double>() - 0.1).ShouldBeGreaterThan(1e-4);  // it trained away from 1/n
        var resolved = JsonNode.Parse(File.ReadAllText(run.Combine("manifest.resolved.json")))!["model"]!;
        resolved["adaptiveActivation"]!.ToJsonString().ShouldBe("""{"scope":"layer","factor":10}""");
        resolved["parameterCount"]!.GetValue<long>().ShouldBe(2 * 16 + 16 + 16 + 1 + 1);
    }

    [Fact]
    public void Five_steps_then_five_resumed_match_ten_uninterrupted()
    {
        ShortRun.ShouldResumeExactly(host, steps => Manifest(steps, "adam"), "loss");
    }

    [PyTorchFact]
    public void PyTorch_reproduces_the_exported_network_with_its_slope()
    {
        using var run = new TemporaryDirectory();
        using var export = new TemporaryDirectory();
        ShortRun.In(host, Manifest(5), run.Path);
        var points = new[] { new[] { 0.0, 0.5 }, new[] { 0.3, 0.1 }, new[] { 1.0, 0.9 } };
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(points.SelectMany(p => p).ToArray(), [3, 2], torch.float64);
        var (_, tensors) = Checkpoint.Read(run.Combine("checkpoint.bin"));
        var expected = ((x.matmul(tensors["network.layers.0.weight"].t()) + tensors["network.layers.0.bias"]) * (10 * tensors["network.slopes.0"])).tanh()
                       .matmul(tensors["network.layers.1.weight"].t()) + tensors["network.layers.1.bias"];
        ExportedModel.ShouldMatchInPyTorch(run.Path, export.Path, points, expected);
    }

    [Fact]
    public void Bad_slopes_are_manifest_errors_naming_the_field()
    {
        using var run = new TemporaryDirectory();
        var message = Should.Throw<ManifestException>(() => ManifestValidator.ValidateText(
            Manifest(1, adaptive: """{ "scope": "neuron", "factor": 0, "init": 1 }"""), "slopes.json", host.Catalog, run.Path)).Message;
        message.ShouldContain("$.model.adaptiveActivation.scope: 'neuron' is not allowed (one of: layer, global)");
        message.ShouldContain("$.model.adaptiveActivation.factor: must be > 0");
        message.ShouldContain("$.model.adaptiveActivation.init: unknown key (allowed: factor, scope)");
    }
}
