using System.Text.Json.Nodes;
using Pinn.Host.Inference;
using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Embeddings;

/// <summary>
/// <c>"model": { "embedding": … }</c> end to end: a run with a periodic embedding reaches the exact solution's accuracy, a
/// resumed run follows the uninterrupted one exactly (B comes back from the checkpoint), the trained model and its
/// PyTorch export give the checkpoint's values, and bad embeddings are manifest errors naming every field at once.
/// </summary>
public sealed class EmbeddingRunTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Fourier = """{ "fourier": { "features": 6, "scale": 0.5 } }""";

    private static string Manifest(string embedding, int steps, string optimizer = "adam")
        => ShortRun.Heat1dManifest($"\"embedding\": {embedding}", steps, optimizer, resampleEvery: optimizer == "adam" ? 4 : 0);

    [Fact]
    public void Heat1d_behind_a_periodic_embedding_trains_to_the_exact_solution()
    {
        // u = sin(πx)·exp(−π²t) is 2-periodic in x: the network sees t, cos πx and sin πx.
        using var run = new TemporaryDirectory();
        var summary = ShortRun.In(host, Manifest("""{ "periodic": [ { "axis": "x", "period": 2 } ] }""", 100, "levenberg-marquardt"), run.Path);
        summary.RelL2!.Value.ShouldBeLessThan(5e-4, summary.StoppedBecause);     // 1.2e-4 measured; 2.6e-3 without the embedding
        var resolved = JsonNode.Parse(File.ReadAllText(run.Combine("manifest.resolved.json")))!["model"]!;
        resolved["embedding"]!.ToJsonString().ShouldBe("""{"periodic":[{"axis":"x","period":2,"harmonics":1,"even":false}]}""");
        resolved["parameterCount"]!.GetValue<long>().ShouldBe(3 * 16 + 16 + 16 + 1);         // the 3 features feed the first layer
    }

    [Fact]
    public void Five_steps_then_five_resumed_match_ten_uninterrupted()
    {
        ShortRun.ShouldResumeExactly(host, steps => Manifest(Fourier, steps), "loss");
    }

    [PyTorchFact]
    public void The_trained_model_and_its_pytorch_export_give_the_checkpoints_values()
    {
        using var run = new TemporaryDirectory();
        using var export = new TemporaryDirectory();
        ShortRun.In(host, Manifest(Fourier, 5), run.Path);
        var points = new[] { new[] { 0.0, 0.5 }, new[] { 0.3, 0.1 }, new[] { 1.0, 0.9 } };
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(points.SelectMany(p => p).ToArray(), [3, 2], torch.float64);
        // Independently of the host: every feature of a Fourier embedding is a sine, sin(x Eᵀ + c), then the layers.
        var (_, tensors) = Checkpoint.Read(run.Combine("checkpoint.bin"));
        var features = (x.matmul(tensors["network.embedding.weight"].t()) + tensors["network.embedding.bias"]).sin();
        var expected = (features.matmul(tensors["network.layers.0.weight"].t()) + tensors["network.layers.0.bias"]).tanh()
                           .matmul(tensors["network.layers.1.weight"].t()) + tensors["network.layers.1.bias"];
        using (var model = TrainedModel.Load(run.Path, host.Catalog, run.Combine("cache")))
            TensorAssert.RelativeError(model.Predict(x), expected).ShouldBeLessThan(1e-14);

        var description = ExportedModel.ShouldMatchInPyTorch(run.Path, export.Path, points, expected);
        description["widths"]!.AsArray().Select(w => w!.GetValue<int>()).ShouldBe([12, 16, 1]);
        description["embedding"]!.GetValue<string>().ShouldContain("maps the 2 inputs to 12 features");
    }

    [Fact]
    public void Validate_names_the_embedding_and_the_slopes()
    {
        using var run = new TemporaryDirectory();
        var manifest = Manifest("""{ "periodic": [ { "axis": "x", "period": 2, "even": true } ], "fourier": { "features": 4 } }""", 1)
            .Replace("\"hidden\": [16]", "\"hidden\": [16], \"adaptiveActivation\": { \"scope\": \"global\" }");
        var plan = ManifestValidator.ValidateText(manifest, "embedding.json", host.Catalog, run.Path);
        Pinn.Host.Commands.ValidateCommand.Summary(plan).ShouldBe(
            "embedding.json: valid (heat1d, engine forward-laplacian, sampler lhs, adam, embedding: x periodic (2, even), 4 Fourier features (σ 1), "
            + "trainable slopes (one for all layers, n = 10))");
    }

    [Fact]
    public void Bad_embeddings_are_manifest_errors_naming_every_field()
    {
        using var run = new TemporaryDirectory();
        ManifestException Refused(string embedding)
            => Should.Throw<ManifestException>(() => ManifestValidator.ValidateText(Manifest(embedding, 1), "embedding.json", host.Catalog, run.Path));

        Refused("""{ "fourier": { "features": 0 } }""").Message
            .ShouldContain("$.model.embedding.fourier.features: must be ≥ 1 and ≤ 4096 (the number of frequencies; an embedding needs at least one feature)");
        Refused("""{ "periodic": [] }""").Message
            .ShouldContain("$.model.embedding.periodic: an embedding needs at least one feature: list periodic axes, or give fourier features");
        var several = Refused("""{ "periodic": [ { "axis": "y", "period": 1 }, { "axis": "x", "period": 0, "harmonics": 0 }, { "axis": "x", "period": 2, "odd": true }, 3 ], "fourier": { "features": 2, "scale": -1 } }""").Message;
        several.ShouldContain("$.model.embedding.periodic[0].axis: 'y' is not an input of the problem (its inputs: t, x)");
        several.ShouldContain("$.model.embedding.periodic[1].period: must be > 0");
        several.ShouldContain("$.model.embedding.periodic[1].harmonics: must be ≥ 1 and ≤ 4096");
        several.ShouldContain("$.model.embedding.periodic[2].odd: unknown key (allowed: axis, even, harmonics, period)");
        several.ShouldContain("$.model.embedding.periodic[3]: must be an object");
        several.ShouldContain("$.model.embedding.fourier.scale: must be > 0");
        Refused("""{ "periodic": [ { "axis": "x", "period": 2 }, { "axis": "x", "period": 1 } ] }""").Message
            .ShouldContain("$.model.embedding.periodic[1].axis: 'x' is periodic already; give each axis once");
        Refused("""{ "periodic": [ { "axis": "x", "period": 2 }, { "axis": "t", "period": 1 } ], "fourier": { "features": 2 } }""").Message
            .ShouldContain("$.model.embedding.fourier: Fourier features act on the inputs that are not periodic, and every input is periodic");
    }
}
