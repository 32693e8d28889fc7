using System.Text.Json.Nodes;
using Pinn.Host.Inference;
using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Symmetry;

/// <summary>
/// <c>"model": { "symmetry": … }</c> end to end: a heat1d run with the network odd in x reaches the exact solution's
/// accuracy, a resumed run follows the uninterrupted one exactly, the trained model and its PyTorch export give the
/// symmetric values the checkpoint's weights define, and bad reflections are manifest errors naming every field at once.
/// </summary>
public sealed class SymmetryRunTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string OddInX = """[ { "axis": "x", "parity": "odd" } ]""";

    private static string Manifest(string symmetry, int steps, string optimizer = "adam")
        => ShortRun.Heat1dManifest($"\"symmetry\": {symmetry}", steps, optimizer, resampleEvery: optimizer == "adam" ? 4 : 0);

    [Fact]
    public void Heat1d_with_the_network_odd_in_x_trains_to_the_exact_solution()
    {
        // u = sin(πx)·exp(−π²t) is odd in x.
        using var run = new TemporaryDirectory();
        var summary = ShortRun.In(host, Manifest(OddInX, 100, "levenberg-marquardt"), run.Path);
        summary.RelL2!.Value.ShouldBeLessThan(LimitOfOddHeat1d, summary.StoppedBecause);
        var resolved = JsonNode.Parse(File.ReadAllText(run.Combine("manifest.resolved.json")))!["model"]!;
        resolved["symmetry"]!.ToJsonString().ShouldBe("""[{"axis":"x","parity":["odd"],"center":0}]""");
    }

    private const double LimitOfOddHeat1d = 1e-3;        // 2.98e-4 measured; 2.60e-3 without the symmetry

    [Fact]
    public void Five_steps_then_five_resumed_match_ten_uninterrupted()
    {
        ShortRun.ShouldResumeExactly(host, steps => Manifest(OddInX, steps), "loss");
    }

    [PyTorchFact]
    public void The_trained_model_and_its_pytorch_export_give_the_symmetric_values_of_the_checkpoint()
    {
        using var run = new TemporaryDirectory();
        using var export = new TemporaryDirectory();
        ShortRun.In(host, Manifest("""[ { "axis": "x", "parity": "odd", "center": 0.25 }, { "axis": "t", "parity": "even" } ]""", 5), run.Path);
        var points = new[] { new[] { 0.0, 0.5 }, new[] { 0.3, 0.1 }, new[] { 1.0, 0.9 } };
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(points.SelectMany(p => p).ToArray(), [3, 2], torch.float64);
        // Independently of the host: N from the checkpoint's layers, then the average over the four images with x's sign.
        var (_, tensors) = Checkpoint.Read(run.Combine("checkpoint.bin"));
        torch.Tensor N(torch.Tensor y) => (y.matmul(tensors["network.layers.0.weight"].t()) + tensors["network.layers.0.bias"]).tanh()
                                              .matmul(tensors["network.layers.1.weight"].t()) + tensors["network.layers.1.bias"];
        var flipX = torch.tensor(new[] { 1.0, -1.0 }, torch.float64);
        var shiftX = torch.tensor(new[] { 0.0, 0.5 }, torch.float64);
        var flipT = torch.tensor(new[] { -1.0, 1.0 }, torch.float64);
        var expected = (N(x) - N(x * flipX + shiftX) + N(x * flipT) - N(x * flipT * flipX + shiftX)) / 4;
        expected.abs().max().item<double>().ShouldBeGreaterThan(1e-3);
        using (var model = TrainedModel.Load(run.Path, host.Catalog, run.Combine("cache")))
            TensorAssert.RelativeError(model.Predict(x), expected).ShouldBeLessThan(1e-14);

        var description = ExportedModel.ShouldMatchInPyTorch(run.Path, export.Path, points, expected, function: "u");
        description["symmetry"]!.GetValue<string>().ShouldContain("the network is N");
    }

    [Fact]
    public void Validate_names_the_symmetry()
    {
        using var run = new TemporaryDirectory();
        var plan = ManifestValidator.ValidateText(Manifest("""[ { "axis": "x", "parity": "odd", "center": 0.5 }, { "axis": "t", "parity": ["even"] } ]""", 1),
                                                  "symmetry.json", host.Catalog, run.Path);
        Pinn.Host.Commands.ValidateCommand.Summary(plan).ShouldBe(
            "symmetry.json: valid (heat1d, engine forward-laplacian, sampler lhs, adam, symmetric: odd in x about 0.5, even in t)");
    }

    [Fact]
    public void Bad_reflections_are_manifest_errors_naming_every_field()
    {
        using var run = new TemporaryDirectory();
        ManifestException Refused(string symmetry)
            => Should.Throw<ManifestException>(() => ManifestValidator.ValidateText(Manifest(symmetry, 1), "symmetry.json", host.Catalog, run.Path));

        var several = Refused("""[ { "axis": "y", "parity": "odd" }, { "axis": "x", "parity": "skew" }, { "axis": "t" }, { "axis": "x", "parity": ["odd", "even"] }, { "parity": "odd", "mirror": 1 }, 3 ]""").Message;
        several.ShouldContain("$.model.symmetry[0].axis: 'y' is not an input of the problem (its inputs: t, x)");
        several.ShouldContain("$.model.symmetry[1].parity: must be one of: even, odd, or a list with one per output");
        several.ShouldContain("$.model.symmetry[2].parity: is required: even or odd, or a list with one per output");
        several.ShouldContain("$.model.symmetry[3].parity: gives 2 parities for 1 outputs (u): give one for every output, or one per output");
        several.ShouldContain("$.model.symmetry[4].axis: is required");
        several.ShouldContain("$.model.symmetry[4].mirror: unknown key (allowed: axis, center, parity)");
        several.ShouldContain("$.model.symmetry[5]: must be an object");
        Refused("""[ { "axis": "x", "parity": "odd" }, { "axis": "x", "parity": "even" } ]""").Message
            .ShouldContain("$.model.symmetry[1].axis: 'x' is reflected already; give each axis once");
        Refused("""[ { "axis": "x", "parity": [] } ]""").Message.ShouldContain("$.model.symmetry[0].parity: lists no parity: give one per output");
        Refused("""[ { "axis": "x", "parity": ["odd", 1] } ]""").Message.ShouldContain("$.model.symmetry[0].parity[1]: must be one of: even, odd");
    }
}
