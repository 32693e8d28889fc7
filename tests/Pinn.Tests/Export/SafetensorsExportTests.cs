using System.Text.Json.Nodes;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Export;

/// <summary><c>pinn export --safetensors</c>: PyTorch loads the weights into the torch.nn.Sequential that model.json's Python
/// lines build, and that network gives the trained network's values.</summary>
public sealed class SafetensorsExportTests(TrainedRuns runs) : IClassFixture<TrainedRuns>
{
    [PyTorchFact]
    public void PyTorch_loads_the_weights_and_reproduces_the_networks_values()
    {
        using var temp = new TemporaryDirectory();
        var (code, error) = HostCommand.Run("export", runs.Heat1d, "--safetensors", "--out", temp.Path);
        code.ShouldBe(0, error);
        var text = File.ReadAllText(temp.Combine("model.json"));
        text.ShouldContain("load_file(\\\"model.safetensors\\\")");                         // JSON's \" only: no \u0022 for people to decode
        var description = JsonNode.Parse(text)!;
        description["widths"]!.AsArray().Select(w => w!.GetValue<int>()).ShouldBe([2, 16, 1]);
        description["inputs"]!.AsArray().Select(w => w!.GetValue<string>()).ShouldBe(["t", "x"]);
        var python = description["python"]!.GetValue<string>();
        python.Split('\n').Length.ShouldBe(3);
        var points = new[] { new[] { 0.0, 0.5 }, new[] { 0.3, 0.1 }, new[] { 1.0, 0.9 } };
        var values = PyTorchReader.Evaluate(temp.Path, python, points);
        using var scope = torch.NewDisposeScope();
        var expected = TrainedRuns.ForwardFromCheckpoint(runs.Heat1d, torch.tensor(points.SelectMany(p => p).ToArray(), [3, 2], torch.float64));
        for (var i = 0; i < 3; i++) values[i][0].ShouldBe(expected[i, 0].item<double>(), 1e-12);
    }
}
